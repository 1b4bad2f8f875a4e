import { addColumnNode, type ColumnSchema, type Dialect, type TableSchema, tableNode } from '@athanor/core'
import { renderColumn, renderCreateIndex, renderCreateTable } from './render-table'

/** The result of comparing the model with the database: up/down code lines and the core imports they need. */
export interface SchemaDiff {
  readonly upLines: string[]
  readonly downLines: string[]
  readonly imports: Set<string>
  /** True when nothing differs. */
  readonly isEmpty: boolean
}

/**
 * Compares the application's tables with the reflected ones and writes the operations that turn
 * the database into the model (up) and back (down). Compared: tables, columns (type as the
 * dialect spells it, nullability), indexes. A column dropped and another added in one table is
 * flagged, since it may be a rename.
 *
 * @example
 * const diff = compareSchemas(metadata.sortedTables().map((t) => t.toSchema()), await reflectSchemas(engine), engine.dialect)
 */
export function compareSchemas(model: readonly TableSchema[], database: readonly TableSchema[], dialect: Dialect, ignoreTables: ReadonlySet<string> = new Set()): SchemaDiff {
  const imports = new Set<string>()
  const upLines: string[] = []
  const downLines: string[] = []
  const live = new Map(database.filter((schema) => !ignoreTables.has(schema.table.name)).map((schema) => [schema.table.name, schema]))
  const wanted = new Map(model.map((schema) => [schema.table.name, schema]))
  const downFirst: string[][] = []

  for (const schema of model) {
    if (live.has(schema.table.name)) continue
    upLines.push(...renderCreateTable(schema, imports))
    downFirst.push([`await op.dropTable('${schema.table.name}')`])
  }
  for (const schema of [...live.values()].reverse()) {
    if (wanted.has(schema.table.name)) continue
    upLines.push(`await op.dropTable('${schema.table.name}')`)
    downFirst.push(renderCreateTable(schema, imports))
  }
  for (const schema of model) {
    const current = live.get(schema.table.name)
    if (current) compareTable(schema, current, dialect, imports, upLines, downFirst)
  }
  downLines.push(...downFirst.reverse().flat())
  return { upLines, downLines, imports, isEmpty: upLines.length === 0 }
}

function compareTable(model: TableSchema, live: TableSchema, dialect: Dialect, imports: Set<string>, upLines: string[], down: string[][]): void {
  const table = model.table.name
  const liveColumns = new Map(live.columns.map((column) => [column.name, column]))
  const modelColumns = new Map(model.columns.map((column) => [column.name, column]))
  const added = model.columns.filter((column) => !liveColumns.has(column.name))
  const dropped = live.columns.filter((column) => !modelColumns.has(column.name))
  if (added.length > 0 && dropped.length > 0) {
    upLines.push(`// CHECK(autogenerate): in ${table}, ${dropped.map((c) => c.name).join(', ')} dropped and ${added.map((c) => c.name).join(', ')} added; if this is a rename, use op.alterColumn('${table}', old, { newName }) to keep the data.`)
  }
  for (const column of added) {
    upLines.push(`await op.addColumn('${table}', '${column.name}', ${renderColumn(column, imports)})`)
    down.push([`await op.dropColumn('${table}', '${column.name}')`])
  }
  for (const column of dropped) {
    upLines.push(`await op.dropColumn('${table}', '${column.name}')`)
    down.push([`await op.addColumn('${table}', '${column.name}', ${renderColumn(column, imports)})`])
  }
  for (const column of model.columns) {
    const current = liveColumns.get(column.name)
    if (!current) continue
    const changes: string[] = []
    const reverse: string[] = []
    if (typeSql(dialect, column) !== typeSql(dialect, current)) {
      changes.push(`type: ${renderColumn({ ...column, isNullable: true, serverDefault: undefined }, imports)}.config.type`)
      reverse.push(`type: ${renderColumn({ ...current, isNullable: true, serverDefault: undefined }, imports)}.config.type`)
    }
    // A primary key column is NOT NULL whatever its declaration says.
    const isKey = model.primaryKey.includes(column.name)
    if (!isKey && column.isNullable !== current.isNullable) {
      changes.push(`isNullable: ${column.isNullable}`)
      reverse.push(`isNullable: ${current.isNullable}`)
    }
    if (changes.length === 0) continue
    upLines.push(`await op.alterColumn('${table}', '${column.name}', { ${changes.join(', ')} })`)
    down.push([`await op.alterColumn('${table}', '${column.name}', { ${reverse.join(', ')} })`])
  }
  const liveIndexes = new Map(live.indexes.map((definition) => [definition.name, definition]))
  const modelIndexes = new Map(model.indexes.map((definition) => [definition.name, definition]))
  for (const definition of model.indexes) {
    const current = liveIndexes.get(definition.name)
    if (current && current.columns.join(',') === definition.columns.join(',') && current.isUnique === definition.isUnique) continue
    if (current) {
      upLines.push(`await op.dropIndex('${definition.name}', '${table}')`)
      down.push([renderCreateIndex(table, current)])
    }
    upLines.push(renderCreateIndex(table, definition))
    down.push([`await op.dropIndex('${definition.name}', '${table}')`])
  }
  for (const definition of live.indexes) {
    if (modelIndexes.has(definition.name)) continue
    upLines.push(`await op.dropIndex('${definition.name}', '${table}')`)
    down.push([renderCreateIndex(table, definition)])
  }
}

// Types are compared as the dialect spells them in DDL, so that spellings the database folds
// together (SQLite's integer for bigint, MySQL's tinyint(1) for boolean) are not reported.
function typeSql(dialect: Dialect, column: ColumnSchema): string {
  const sql = dialect.compile(addColumnNode(tableNode('t'), { name: 'c', type: column.type, isNullable: true, isAutoincrement: false, serverDefault: undefined })).sql
  return sql.replace(/\s+check\s*\(.*$/i, '')
}
