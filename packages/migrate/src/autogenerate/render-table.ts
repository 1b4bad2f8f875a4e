import type { CheckSchema, ColumnSchema, ExpressionNode, ForeignKeySchema, TableSchema } from '@athanor/core'

/** TypeScript source for one column builder (`varchar(50, { name: 'title' }).notNull()`) and the core names it uses. */
export function renderColumn(column: ColumnSchema, imports: Set<string>, isLonePrimaryKey = false): string {
  const options = `{ name: '${column.name}' }`
  const type = column.type
  let code: string
  switch (type.name) {
    case 'varchar':
      code = `varchar(${type.length ?? 255}, ${options})`
      break
    case 'numeric':
      code = `numeric(${type.precision ?? 'undefined'}, ${type.scale ?? 'undefined'}, ${options})`
      break
    case 'text':
      imports.add('textColumn')
      code = `textColumn(${options})`
      break
    case 'timestamp':
      code = `timestamp({ name: '${column.name}', withTimezone: ${type.withTimezone ?? false} })`
      break
    case 'enum':
      imports.add('enumType')
      code = `enumType([${(type.values ?? []).map((value) => `'${value}'`).join(', ')}], ${options})`
      break
    default:
      code = `${type.name}(${options})`
  }
  if (type.name !== 'text' && type.name !== 'enum') imports.add(type.name)
  if (isLonePrimaryKey) code += '.primaryKey()'
  else if (!column.isNullable) code += '.notNull()'
  if (isLonePrimaryKey && !column.isAutoincrement) code += '.autoincrement(false)'
  if (column.serverDefault) code += `.serverDefault(${renderDefault(column.serverDefault, imports)})`
  return code
}

/** TypeScript source for a server default: a JS literal, `func.now()` or a `sql` template. */
export function renderDefault(node: ExpressionNode, imports: Set<string>): string {
  if (node.kind === 'ValueNode') return JSON.stringify(node.value)
  if (node.kind === 'FunctionNode' && node.args.length === 0) {
    imports.add('func')
    return `func.${node.name}()`
  }
  if (node.kind === 'RawSqlNode' && node.values.length === 0) {
    imports.add('sql')
    return `sql\`${escapeTemplate(node.parts.join(''))}\``
  }
  return '/* a server default autogenerate cannot render: write it by hand */ undefined'
}

function escapeTemplate(text: string): string {
  return text.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')
}

/** A string literal for generated code. */
function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`
}

/**
 * `await op.createTable(...)` lines that recreate a table, then its indexes and any composite
 * foreign key. `conditionSql` spells a check's condition as SQL (the dialect's compiler).
 */
export function renderCreateTable(schema: TableSchema, imports: Set<string>, conditionSql: (check: CheckSchema) => string): string[] {
  const isLoneKey = schema.primaryKey.length === 1
  const singleColumnForeignKeys = new Map(schema.foreignKeys.filter((fk) => fk.columns.length === 1).map((fk) => [fk.columns[0], fk]))
  const columnLines = schema.columns.map((column) => {
    let code = renderColumn(column, imports, isLoneKey && schema.primaryKey[0] === column.name)
    const fk = singleColumnForeignKeys.get(column.name)
    if (fk) {
      const options = [fk.onDelete ? `onDelete: '${fk.onDelete}'` : '', fk.onUpdate ? `onUpdate: '${fk.onUpdate}'` : '', fk.name ? `name: '${fk.name}'` : ''].filter(Boolean)
      code += `.references(op.ref('${fk.referencedTable.name}', '${fk.referencedColumns[0]}')${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`
    }
    return `  ${JSON.stringify(column.name)}: ${code},`
  })
  const constraints: string[] = []
  if (!isLoneKey && schema.primaryKey.length > 0) {
    imports.add('primaryKey')
    constraints.push(`primaryKey(${schema.primaryKey.map((name) => `t[${JSON.stringify(name)}]`).join(', ')})`)
  }
  for (const constraint of schema.uniques) {
    imports.add('unique')
    constraints.push(`unique(${constraint.name ? `'${constraint.name}'` : ''}).on(${constraint.columns.map((name) => `t[${JSON.stringify(name)}]`).join(', ')})`)
  }
  for (const constraint of schema.checks) {
    imports.add('check')
    imports.add('sql')
    constraints.push(`check(${constraint.name ? quoted(constraint.name) : 'undefined'}, sql<boolean>\`${escapeTemplate(conditionSql(constraint))}\`)`)
  }
  const lines = [`await op.createTable('${schema.table.name}', {`, ...columnLines]
  lines.push(constraints.length > 0 ? `}, (t) => [${constraints.join(', ')}])` : '})')
  for (const definition of schema.indexes) lines.push(renderCreateIndex(schema.table.name, definition))
  // A foreign key over several columns is added after the table (SQLite rebuilds the table for it).
  for (const fk of schema.foreignKeys.filter((candidate) => candidate.columns.length > 1)) {
    lines.push(renderCreateForeignKey(schema.table.name, { ...fk, name: fk.name ?? constraintName('fk', schema.table.name, fk.columns, fk.referencedTable.name) }))
  }
  return lines
}

/** `await op.createForeignKey(...)`; the foreign key must have a name. */
export function renderCreateForeignKey(table: string, fk: ForeignKeySchema & { readonly name: string }): string {
  const actions = [fk.onDelete ? `onDelete: '${fk.onDelete}'` : '', fk.onUpdate ? `onUpdate: '${fk.onUpdate}'` : ''].filter(Boolean)
  const list = (names: readonly string[]) => `[${names.map(quoted).join(', ')}]`
  return `await op.createForeignKey(${quoted(fk.name)}, ${quoted(table)}, ${list(fk.columns)}, ${quoted(fk.referencedTable.name)}, ${list(fk.referencedColumns)}${actions.length > 0 ? `, { ${actions.join(', ')} }` : ''})`
}

/** `await op.createUniqueConstraint(...)`. */
export function renderCreateUnique(table: string, name: string, columns: readonly string[]): string {
  return `await op.createUniqueConstraint(${quoted(name)}, ${quoted(table)}, [${columns.map(quoted).join(', ')}])`
}

/** `await op.createCheckConstraint(...)`, the condition as SQL. */
export function renderCreateCheck(table: string, name: string, condition: string): string {
  return `await op.createCheckConstraint(${quoted(name)}, ${quoted(table)}, ${JSON.stringify(condition)})`
}

/** `await op.dropConstraint(...)`. */
export function renderDropConstraint(table: string, name: string, type: 'foreignKey' | 'unique' | 'check'): string {
  return `await op.dropConstraint(${quoted(name)}, ${quoted(table)}, { type: '${type}' })`
}

/** A name for a constraint the model left unnamed: `fk_posts_author_id_users`, cut to 63 characters (PostgreSQL's limit). */
export function constraintName(prefix: string, table: string, columns: readonly string[], suffix?: string): string {
  return [prefix, table, ...columns, ...(suffix ? [suffix] : [])].join('_').slice(0, 63)
}

/** `await op.createIndex(...)`. */
export function renderCreateIndex(table: string, definition: TableSchema['indexes'][number]): string {
  return `await op.createIndex('${definition.name}', '${table}', [${definition.columns.map((name) => `'${name}'`).join(', ')}]${definition.isUnique ? ', { isUnique: true }' : ''})`
}
