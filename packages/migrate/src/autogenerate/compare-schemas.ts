import { addColumnNode, type ColumnSchema, type Dialect, type TableSchema, tableNode } from '@athanor/core'
import { addNewForeignKeys, checkConditionSql, compareChecks, compareUniques, dropRemovedForeignKeys } from './compare-constraints'
import { MigrationScript } from './migration-script'
import { renderColumn, renderCreateIndex, renderCreateTable, renderDefault } from './render-table'
import { isSameDefault } from './server-default'

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
 * the database into the model (up) and back (down). Compared: tables; columns (type as the
 * dialect spells it, nullability, server default); indexes; foreign keys and unique constraints
 * (by their columns); check constraints (by name). A column dropped and another added in one table
 * is flagged, since it may be a rename. The steps are ordered so that each is valid: foreign keys
 * are dropped first and added last, constraints and indexes are dropped before columns.
 *
 * @example
 * const diff = compareSchemas(metadata.sortedTables().map((t) => t.toSchema()), await reflectSchemas(engine), engine.dialect)
 */
export function compareSchemas(model: readonly TableSchema[], database: readonly TableSchema[], dialect: Dialect, ignoreTables: ReadonlySet<string> = new Set()): SchemaDiff {
  const script = new MigrationScript()
  const live = new Map(database.filter((schema) => !ignoreTables.has(schema.table.name)).map((schema) => [schema.table.name, schema]))
  const wanted = new Map(model.map((schema) => [schema.table.name, schema]))
  const kept = model.flatMap((schema) => {
    const current = live.get(schema.table.name)
    return current ? [{ model: schema, live: asIndexes(current, schema) }] : []
  })
  const conditionSql = (check: TableSchema['checks'][number]) => checkConditionSql(dialect, check)

  for (const pair of kept) dropRemovedForeignKeys(pair.model, pair.live, script)
  for (const schema of model) {
    if (!live.has(schema.table.name)) script.step(renderCreateTable(schema, script.imports, conditionSql), `await op.dropTable('${schema.table.name}')`)
  }
  for (const schema of dropOrder([...live.values()].filter((schema) => !wanted.has(schema.table.name)))) {
    script.step(`await op.dropTable('${schema.table.name}')`, renderCreateTable(schema, script.imports, conditionSql))
  }
  for (const pair of kept) {
    dropRemovedIndexes(pair.model, pair.live, script)
    compareUniques(pair.model, pair.live, script, 'drop')
    compareChecks(pair.model, pair.live, dialect, script, 'drop')
    compareColumns(pair.model, pair.live, dialect, script)
    addNewIndexes(pair.model, pair.live, script)
    compareUniques(pair.model, pair.live, script, 'add')
    compareChecks(pair.model, pair.live, dialect, script, 'add')
  }
  for (const pair of kept) addNewForeignKeys(pair.model, pair.live, script)
  return { upLines: script.upLines, downLines: script.downLines, imports: script.imports, isEmpty: script.isEmpty }
}

// MySQL reports a unique index as a unique constraint too; where the model declares it as an
// index (same name), compare it as one.
function asIndexes(live: TableSchema, model: TableSchema): TableSchema {
  const modelIndexes = new Set(model.indexes.filter((definition) => definition.isUnique).map((definition) => definition.name))
  const moved = live.uniques.filter((unique) => unique.name !== undefined && modelIndexes.has(unique.name) && !live.indexes.some((definition) => definition.name === unique.name))
  if (moved.length === 0) return live
  return {
    ...live,
    uniques: live.uniques.filter((unique) => !moved.includes(unique)),
    indexes: [...live.indexes, ...moved.map((unique) => ({ name: unique.name as string, columns: unique.columns, isUnique: true }))],
  }
}

// Tables that others (being dropped too) refer to are dropped after them.
function dropOrder(tables: readonly TableSchema[]): TableSchema[] {
  const pending = [...tables].reverse()
  const ordered: TableSchema[] = []
  while (pending.length > 0) {
    const index = pending.findIndex((candidate) => !pending.some((other) => other !== candidate && other.foreignKeys.some((fk) => fk.referencedTable.name === candidate.table.name)))
    // A cycle: drop in name order and let the database report it.
    ordered.push(...pending.splice(index < 0 ? 0 : index, 1))
  }
  return ordered
}

function compareColumns(model: TableSchema, live: TableSchema, dialect: Dialect, script: MigrationScript): void {
  const table = model.table.name
  const imports = script.imports
  const liveColumns = new Map(live.columns.map((column) => [column.name, column]))
  const modelColumns = new Map(model.columns.map((column) => [column.name, column]))
  const added = model.columns.filter((column) => !liveColumns.has(column.name))
  const dropped = live.columns.filter((column) => !modelColumns.has(column.name))
  if (added.length > 0 && dropped.length > 0) {
    script.note(`in ${table}, ${dropped.map((c) => c.name).join(', ')} dropped and ${added.map((c) => c.name).join(', ')} added; if this is a rename, use op.alterColumn('${table}', old, { newName }) to keep the data.`)
  }
  for (const column of dropped) script.step(`await op.dropColumn('${table}', '${column.name}')`, `await op.addColumn('${table}', '${column.name}', ${renderColumn(column, imports)})`)
  for (const column of added) script.step(`await op.addColumn('${table}', '${column.name}', ${renderColumn(column, imports)})`, `await op.dropColumn('${table}', '${column.name}')`)
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
    // An autoincrement key's default is the database's own sequence, not a declared default.
    if (!current.isAutoincrement && !isSameDefault(dialect, column, current)) {
      changes.push(`serverDefault: ${column.serverDefault ? renderDefault(column.serverDefault, imports) : 'null'}`)
      reverse.push(`serverDefault: ${current.serverDefault ? renderDefault(current.serverDefault, imports) : 'null'}`)
    }
    if (changes.length === 0) continue
    script.step(`await op.alterColumn('${table}', '${column.name}', { ${changes.join(', ')} })`, `await op.alterColumn('${table}', '${column.name}', { ${reverse.join(', ')} })`)
  }
}

function indexMatches(a: TableSchema['indexes'][number], b: TableSchema['indexes'][number]): boolean {
  return a.columns.join(',') === b.columns.join(',') && a.isUnique === b.isUnique
}

function dropRemovedIndexes(model: TableSchema, live: TableSchema, script: MigrationScript): void {
  const modelIndexes = new Map(model.indexes.map((definition) => [definition.name, definition]))
  for (const definition of live.indexes) {
    const wanted = modelIndexes.get(definition.name)
    if (wanted && indexMatches(wanted, definition)) continue
    script.step(`await op.dropIndex('${definition.name}', '${model.table.name}')`, renderCreateIndex(model.table.name, definition))
  }
}

function addNewIndexes(model: TableSchema, live: TableSchema, script: MigrationScript): void {
  const liveIndexes = new Map(live.indexes.map((definition) => [definition.name, definition]))
  for (const definition of model.indexes) {
    const current = liveIndexes.get(definition.name)
    if (current && indexMatches(current, definition)) continue
    script.step(renderCreateIndex(model.table.name, definition), `await op.dropIndex('${definition.name}', '${model.table.name}')`)
  }
}

// Types are compared as the dialect spells them in DDL, so that spellings the database folds
// together (SQLite's integer for bigint, MySQL's tinyint(1) for boolean) are not reported.
function typeSql(dialect: Dialect, column: ColumnSchema): string {
  const sql = dialect.compile(addColumnNode(tableNode('t'), { name: 'c', type: column.type, isNullable: true, isAutoincrement: false, serverDefault: undefined })).sql
  return sql.replace(/\s+check\s*\(.*$/i, '')
}
