import type { ColumnSchema, ExpressionNode, TableSchema } from '@athanor/core'

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

function renderDefault(node: ExpressionNode, imports: Set<string>): string {
  if (node.kind === 'ValueNode') return JSON.stringify(node.value)
  if (node.kind === 'FunctionNode' && node.args.length === 0) {
    imports.add('func')
    return `func.${node.name}()`
  }
  if (node.kind === 'RawSqlNode' && node.values.length === 0) {
    imports.add('sql')
    return `sql\`${node.parts.join('').replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\``
  }
  return '/* a server default autogenerate cannot render: write it by hand */ undefined'
}

/** `await op.createTable(...)` and `await op.createIndex(...)` lines that recreate a table. */
export function renderCreateTable(schema: TableSchema, imports: Set<string>): string[] {
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
  const lines = [`await op.createTable('${schema.table.name}', {`, ...columnLines]
  lines.push(constraints.length > 0 ? `}, (t) => [${constraints.join(', ')}])` : '})')
  if (schema.foreignKeys.some((fk) => fk.columns.length > 1)) lines.push('// TODO(autogenerate): a composite foreign key was not rendered; add it by hand.')
  if (schema.checks.length > 0) lines.push(`// Note: ${schema.checks.length} check constraint(s) are not rendered by autogenerate.`)
  for (const definition of schema.indexes) lines.push(renderCreateIndex(schema.table.name, definition))
  return lines
}

/** `await op.createIndex(...)`. */
export function renderCreateIndex(table: string, definition: TableSchema['indexes'][number]): string {
  return `await op.createIndex('${definition.name}', '${table}', [${definition.columns.map((name) => `'${name}'`).join(', ')}]${definition.isUnique ? ', { isUnique: true }' : ''})`
}
