/** W8 source for Drizzle (pg-core): 50 pgTable definitions, queries on a declared NodePgDatabase. */
import { type QuerySpec, TABLE_COUNT, WRONG_TYPE_NOTE, parentOf, querySpecs } from './schema-spec'

function table(index: number): string {
  const parent = index === 0 ? `integer('parent_id')` : `integer('parent_id').references((): AnyPgColumn => t${parentOf(index)}.id)`
  return `export const t${index} = pgTable('t${index}', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  code: varchar('code', { length: 20 }),
  amount: integer('amount').notNull(),
  price: doublePrecision('price').notNull(),
  isActive: boolean('is_active').notNull(),
  createdAt: timestamp('created_at').notNull(),
  note: text('note'),
  parentId: ${parent},
})`
}

function query(spec: QuerySpec): string {
  const t = `t${spec.table}`
  const p = `t${spec.parent}`
  switch (spec.kind) {
    case 'select':
      return `export async function q${spec.index}(): Promise<number> {
  const rows = await db.select({ id: ${t}.id, name: ${t}.name, amount: ${t}.amount, note: ${t}.note }).from(${t}).where(and(gt(${t}.amount, ${spec.index}), eq(${t}.isActive, true))).orderBy(desc(${t}.id)).limit(10)
  const note: string | null = rows[0].note
  ${WRONG_TYPE_NOTE}
  const wrong: string = rows[0].amount
  return rows[0].amount + (note?.length ?? 0) + wrong.length
}`
    case 'join':
      return `export async function q${spec.index}(): Promise<string> {
  const rows = await db.select({ id: ${t}.id, name: ${t}.name, parentName: ${p}.name, createdAt: ${p}.createdAt }).from(${t}).innerJoin(${p}, eq(${p}.id, ${t}.parentId)).where(and(like(${t}.name, 'a%'), eq(${p}.isActive, true)))
  const created: Date = rows[0].createdAt
  ${WRONG_TYPE_NOTE}
  const wrong: number = rows[0].parentName
  return rows[0].parentName + rows[0].name + created.toISOString() + wrong
}`
    case 'insert':
      return `export async function q${spec.index}(): Promise<number> {
  const [{ id }] = await db.insert(${t}).values({ name: 'n${spec.index}', amount: ${spec.index}, price: 1.5, isActive: true, createdAt: new Date(), note: null }).returning({ id: ${t}.id })
  ${WRONG_TYPE_NOTE}
  const wrong: string = id
  return id + wrong.length
}`
    case 'update':
      return `export async function q${spec.index}(): Promise<number> {
  const result = await db.update(${t}).set({ amount: ${spec.index + 1}, note: 'updated' }).where(eq(${t}.id, ${spec.index}))
  ${WRONG_TYPE_NOTE}
  const wrong: string = result.rowCount
  return (result.rowCount ?? 0) + wrong.length
}`
  }
}

export function drizzleSources(): Record<string, string> {
  const tables = Array.from({ length: TABLE_COUNT }, (_, index) => table(index)).join('\n\n')
  const names = Array.from({ length: TABLE_COUNT }, (_, i) => `t${i}`).join(', ')
  return {
    'schema.ts': `import { type AnyPgColumn, boolean, doublePrecision, integer, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core'\n\n${tables}\n`,
    'queries.ts': `import { and, desc, eq, gt, like } from 'drizzle-orm'\nimport type { NodePgDatabase } from 'drizzle-orm/node-postgres'\nimport { ${names} } from './schema'\n\ndeclare const db: NodePgDatabase\n\n${querySpecs().map(query).join('\n\n')}\n`,
    'baseline.ts': `import type { NodePgDatabase } from 'drizzle-orm/node-postgres'\nimport { pgTable, serial } from 'drizzle-orm/pg-core'\n\ndeclare const db: NodePgDatabase\nconst t = pgTable('t', { id: serial('id').primaryKey() })\nexport const rows = db.select({ id: t.id }).from(t)\n`,
  }
}
