/** W8 source for Kysely: one `DB` interface of 50 table interfaces, queries on a declared Kysely<DB>. */
import { type QuerySpec, TABLE_COUNT, WRONG_TYPE_NOTE, querySpecs } from './schema-spec'

function table(index: number): string {
  return `export interface T${index}Table {
  id: Generated<number>
  name: string
  code: string | null
  amount: number
  price: number
  is_active: boolean
  created_at: Date
  note: string | null
  parent_id: number | null
}`
}

function query(spec: QuerySpec): string {
  const t = `t${spec.table}`
  const p = `t${spec.parent}`
  switch (spec.kind) {
    case 'select':
      return `export async function q${spec.index}(): Promise<number> {
  const rows = await db.selectFrom('${t}').select(['id', 'name', 'amount', 'note']).where('amount', '>', ${spec.index}).where('is_active', '=', true).orderBy('id', 'desc').limit(10).execute()
  const note: string | null = rows[0].note
  ${WRONG_TYPE_NOTE}
  const wrong: string = rows[0].amount
  return rows[0].amount + (note?.length ?? 0) + wrong.length
}`
    case 'join':
      return `export async function q${spec.index}(): Promise<string> {
  const rows = await db.selectFrom('${t}').innerJoin('${p}', '${p}.id', '${t}.parent_id').select(['${t}.id', '${t}.name', '${p}.name as parentName', '${p}.created_at']).where('${t}.name', 'like', 'a%').where('${p}.is_active', '=', true).execute()
  const created: Date = rows[0].created_at
  ${WRONG_TYPE_NOTE}
  const wrong: number = rows[0].parentName
  return rows[0].parentName + rows[0].name + created.toISOString() + wrong
}`
    case 'insert':
      return `export async function q${spec.index}(): Promise<number> {
  const { id } = await db.insertInto('${t}').values({ name: 'n${spec.index}', code: null, amount: ${spec.index}, price: 1.5, is_active: true, created_at: new Date(), note: null, parent_id: null }).returning('id').executeTakeFirstOrThrow()
  ${WRONG_TYPE_NOTE}
  const wrong: string = id
  return id + wrong.length
}`
    case 'update':
      return `export async function q${spec.index}(): Promise<number> {
  const result = await db.updateTable('${t}').set({ amount: ${spec.index + 1}, note: 'updated' }).where('id', '=', ${spec.index}).executeTakeFirstOrThrow()
  ${WRONG_TYPE_NOTE}
  const wrong: string = result.numUpdatedRows
  return Number(result.numUpdatedRows) + wrong.length
}`
  }
}

export function kyselySources(): Record<string, string> {
  const tables = Array.from({ length: TABLE_COUNT }, (_, index) => table(index)).join('\n\n')
  const db = Array.from({ length: TABLE_COUNT }, (_, index) => `  t${index}: T${index}Table`).join('\n')
  return {
    'schema.ts': `import type { Generated } from 'kysely'\n\n${tables}\n\nexport interface DB {\n${db}\n}\n`,
    'queries.ts': `import type { Kysely } from 'kysely'\nimport type { DB } from './schema'\n\ndeclare const db: Kysely<DB>\n\n${querySpecs().map(query).join('\n\n')}\n`,
    'baseline.ts': `import type { Generated, Kysely } from 'kysely'\n\ndeclare const db: Kysely<{ t: { id: Generated<number> } }>\nexport const rows = db.selectFrom('t').select('id').execute()\n`,
  }
}
