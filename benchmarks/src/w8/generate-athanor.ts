/** W8 source for Athanor Core: tables from MetaData, statements run on a declared Connection. */
import { type QuerySpec, TABLE_COUNT, WRONG_TYPE_NOTE, parentOf, querySpecs } from './schema-spec'

function table(index: number): string {
  const parent = index === 0 ? 'integer()' : `integer().references(() => t${parentOf(index)}.c.id)`
  return `export const t${index} = metadata.table('t${index}', {
  id: integer().primaryKey(),
  name: varchar(100).notNull(),
  code: varchar(20),
  amount: integer().notNull(),
  price: double().notNull(),
  isActive: boolean().notNull(),
  createdAt: timestamp().notNull(),
  note: textColumn(),
  parentId: ${parent},
})`
}

function query(spec: QuerySpec): string {
  const t = `t${spec.table}`
  const p = `t${spec.parent}`
  switch (spec.kind) {
    case 'select':
      return `export async function q${spec.index}(): Promise<number> {
  const rows = (await connection.execute(select(${t}.c.id, ${t}.c.name, ${t}.c.amount, ${t}.c.note).where(${t}.c.amount.gt(${spec.index}), ${t}.c.isActive.eq(true)).orderBy(${t}.c.id.desc()).limit(10))).all()
  const note: string | null = rows[0].note
  ${WRONG_TYPE_NOTE}
  const wrong: string = rows[0].amount
  return rows[0].amount + (note?.length ?? 0) + wrong.length
}`
    case 'join':
      return `export async function q${spec.index}(): Promise<string> {
  const rows = (await connection.execute(select(${t}.c.id, ${t}.c.name, ${p}.c.name.label('parentName'), ${p}.c.createdAt).join(${p}, ${p}.c.id.eq(${t}.c.parentId)).where(${t}.c.name.like('a%'), ${p}.c.isActive.eq(true)))).all()
  const created: Date = rows[0].createdAt
  ${WRONG_TYPE_NOTE}
  const wrong: number = rows[0].parentName
  return rows[0].parentName + rows[0].name + created.toISOString() + wrong
}`
    case 'insert':
      return `export async function q${spec.index}(): Promise<number> {
  const id = (await connection.execute(insert(${t}).values({ name: 'n${spec.index}', amount: ${spec.index}, price: 1.5, isActive: true, createdAt: new Date(), note: null }).returning(${t}.c.id))).scalar()
  ${WRONG_TYPE_NOTE}
  const wrong: string = id
  return (id ?? 0) + wrong.length
}`
    case 'update':
      return `export async function q${spec.index}(): Promise<number> {
  const result = await connection.execute(update(${t}).where(${t}.c.id.eq(${spec.index})).values({ amount: ${spec.index + 1}, note: 'updated' }))
  ${WRONG_TYPE_NOTE}
  const wrong: string = result.rowCount
  return result.rowCount + wrong.length
}`
  }
}

export function athanorSources(): Record<string, string> {
  const tables = Array.from({ length: TABLE_COUNT }, (_, index) => table(index)).join('\n\n')
  return {
    'schema.ts': `import { MetaData, boolean, double, integer, textColumn, timestamp, varchar } from '@athanor/core'\n\nexport const metadata = new MetaData()\n\n${tables}\n`,
    'queries.ts': `import { type Connection, insert, select, update } from '@athanor/core'\nimport { ${Array.from({ length: TABLE_COUNT }, (_, i) => `t${i}`).join(', ')} } from './schema'\n\ndeclare const connection: Connection\n\n${querySpecs().map(query).join('\n\n')}\n`,
    'baseline.ts': `import { type Connection, MetaData, integer, select } from '@athanor/core'\n\ndeclare const connection: Connection\nconst t = new MetaData().table('t', { id: integer().primaryKey() })\nexport const rows = connection.execute(select(t.c.id))\n`,
  }
}
