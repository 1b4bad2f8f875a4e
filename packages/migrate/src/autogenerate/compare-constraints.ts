import { type CheckSchema, createTableNode, type Dialect, type ForeignKeySchema, type TableSchema, tableNode } from '@athanor/core'
import type { MigrationScript } from './migration-script'
import { constraintName, renderCreateCheck, renderCreateForeignKey, renderCreateUnique, renderDropConstraint } from './render-table'

/**
 * Foreign keys are matched by what they do, not by name: SQLite forgets unnamed constraints' names
 * and MySQL and PostgreSQL invent their own. NO ACTION and RESTRICT count as "no action given"
 * (MySQL reports one for the other, and both are the default).
 */
function foreignKeyKey(fk: ForeignKeySchema): string {
  const action = (value: string | undefined) => (value === undefined || value === 'no action' || value === 'restrict' ? '' : value)
  return `${fk.columns.join(',')}>${fk.referencedTable.name}(${fk.referencedColumns.join(',')}) ${action(fk.onDelete)}/${action(fk.onUpdate)}`
}

/** Drops the live foreign keys the model no longer has; runs before any table or column is dropped. */
export function dropRemovedForeignKeys(model: TableSchema, live: TableSchema, script: MigrationScript): void {
  const wanted = new Set(model.foreignKeys.map(foreignKeyKey))
  const table = model.table.name
  for (const fk of live.foreignKeys) {
    if (wanted.has(foreignKeyKey(fk))) continue
    if (fk.name === undefined) {
      script.note(`in ${table}, the foreign key (${fk.columns.join(', ')}) -> ${fk.referencedTable.name} has no name the database kept; drop it by hand (op.execute) or rebuild the table.`)
      continue
    }
    script.step(renderDropConstraint(table, fk.name, 'foreignKey'), renderCreateForeignKey(table, { ...fk, name: fk.name }))
  }
}

/** Adds the model's foreign keys the database lacks; runs after every table and column exists. */
export function addNewForeignKeys(model: TableSchema, live: TableSchema, script: MigrationScript): void {
  const existing = new Set(live.foreignKeys.map(foreignKeyKey))
  const table = model.table.name
  for (const fk of model.foreignKeys) {
    if (existing.has(foreignKeyKey(fk))) continue
    const name = fk.name ?? constraintName('fk', table, fk.columns, fk.referencedTable.name)
    script.step(renderCreateForeignKey(table, { ...fk, name }), renderDropConstraint(table, name, 'foreignKey'))
  }
}

/** Unique constraints, matched by their columns: `phase` 'drop' removes the stale ones, 'add' creates the new ones. */
export function compareUniques(model: TableSchema, live: TableSchema, script: MigrationScript, phase: 'drop' | 'add'): void {
  const table = model.table.name
  const key = (columns: readonly string[]) => columns.join(',')
  if (phase === 'drop') {
    const wanted = new Set(model.uniques.map((unique) => key(unique.columns)))
    for (const unique of live.uniques) {
      if (wanted.has(key(unique.columns))) continue
      if (unique.name === undefined) script.note(`in ${table}, the unique constraint (${unique.columns.join(', ')}) has no name the database kept; drop it by hand or rebuild the table.`)
      else script.step(renderDropConstraint(table, unique.name, 'unique'), renderCreateUnique(table, unique.name, unique.columns))
    }
    return
  }
  const existing = new Set(live.uniques.map((unique) => key(unique.columns)))
  for (const unique of model.uniques) {
    if (existing.has(key(unique.columns))) continue
    const name = unique.name ?? constraintName('uq', table, unique.columns)
    script.step(renderCreateUnique(table, name, unique.columns), renderDropConstraint(table, name, 'unique'))
  }
}

/**
 * Check constraints, matched by name: conditions come back rewritten by every database, so they
 * are not compared. A model check without a name (or an enum, which some dialects enforce with
 * a check) gets a name the database invents; then live checks the model does not name are left
 * alone, since autogenerate cannot tell them apart.
 */
export function compareChecks(model: TableSchema, live: TableSchema, dialect: Dialect, script: MigrationScript, phase: 'drop' | 'add'): void {
  const table = model.table.name
  const modelNames = new Set(model.checks.flatMap((check) => (check.name ? [check.name] : [])))
  const liveNames = new Set(live.checks.flatMap((check) => (check.name ? [check.name] : [])))
  if (phase === 'drop') {
    const hasUnnamed = model.checks.some((check) => !check.name) || model.columns.some((column) => column.type.name === 'enum')
    if (hasUnnamed) return
    for (const check of live.checks) {
      if (!check.name || modelNames.has(check.name)) continue
      script.step(renderDropConstraint(table, check.name, 'check'), renderCreateCheck(table, check.name, checkConditionSql(dialect, check)))
    }
    return
  }
  for (const check of model.checks) {
    if (!check.name || liveNames.has(check.name)) continue
    script.step(renderCreateCheck(table, check.name, checkConditionSql(dialect, check)), renderDropConstraint(table, check.name, 'check'))
  }
}

/** A check's condition as the dialect's DDL compiler writes it (a reflected one is already SQL). */
export function checkConditionSql(dialect: Dialect, check: CheckSchema): string {
  if (check.condition.kind === 'RawSqlNode' && check.condition.values.length === 0) return check.condition.parts.join('')
  const table = { table: tableNode('t'), columns: [], primaryKey: [], foreignKeys: [], uniques: [], checks: [{ name: undefined, condition: check.condition }], indexes: [] }
  const sql = dialect.compile(createTableNode(table, false)).sql
  const start = sql.indexOf('check (') + 'check ('.length
  return sql.slice(start, sql.lastIndexOf(')', sql.length - 2))
}
