/** Knex 3 (one pooled connection). No ORM: W6/W7 by hand with the query builder. */
import type BetterSqlite from 'better-sqlite3'
import createKnex, { type Knex } from 'knex'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { type FlatPost, type FlatPostTag, type FlatUser, assembleUsers, idsOf } from './assemble'
import { type BenchLibrary, W5_INCREMENT, packageVersion } from './library'

const USER_COLUMNS = ['id', 'name', 'email', 'age', 'is_active as isActive'] as const

export function createKnexLibrary(): BenchLibrary {
  let knex: Knex | undefined
  let kind: Fixture['kind'] = 'sqlite'
  const use = (): Knex => {
    if (knex === undefined) throw new Error('knex: setup() first')
    return knex
  }
  // better-sqlite3 binds no JS booleans; a Knex user on SQLite passes 0/1.
  const bool = (value: boolean): boolean | number => (kind === 'sqlite' ? (value ? 1 : 0) : value)
  // Knex writes a multi-row INSERT on SQLite as `select … union all select …`, and SQLite allows at
  // most 500 terms in a compound SELECT: chunks of 500 rows there.
  const chunkOf = <T>(rows: readonly T[]): T[][] => chunks(rows, kind === 'sqlite' ? 500 : undefined)
  const itemValues = (row: ItemRow): Record<string, unknown> => ({ name: row.name, value: row.value, flag: bool(row.flag), note: row.note })
  /** The new key of a one-row INSERT: RETURNING where the database has it, insertId on MySQL. */
  const insertReturningId = async (transaction: Knex.Transaction, table: string, rows: Record<string, unknown>[]): Promise<number[]> => {
    if (kind === 'mysql') {
      // Knex reports the first key of a multi-row INSERT; InnoDB hands out consecutive ones.
      const [firstId] = (await transaction(table).insert(rows)) as number[]
      return rows.map((_, offset) => firstId + offset)
    }
    return ((await transaction(table).insert(rows, ['id'])) as { id: number }[]).map((row) => row.id)
  }

  return {
    name: 'knex',
    label: 'knex',
    versions: '',
    methods: { W6: 'knex (by hand)', W7: 'knex (by hand)' },
    async setup(fixture: Fixture) {
      kind = fixture.kind
      const pool = { min: 1, max: 1 }
      knex =
        fixture.kind === 'sqlite'
          ? createKnex({
              client: 'better-sqlite3',
              connection: { filename: fixture.sqliteFile },
              useNullAsDefault: true,
              pool: {
                ...pool,
                afterCreate: (connection: BetterSqlite.Database, done: (error: Error | null, connection: unknown) => void) => {
                  connection.pragma('journal_mode = WAL')
                  connection.pragma('foreign_keys = ON')
                  done(null, connection)
                },
              },
            })
          : createKnex({ client: fixture.kind === 'postgresql' ? 'pg' : 'mysql2', connection: { ...fixture.server }, pool })
      this.versions = `knex ${packageVersion('knex')}`
    },

    W1(input: W1Input): CompiledSql {
      const native = use()('bench_users as u')
        .join('bench_posts as p', 'p.user_id', 'u.id')
        .select('u.id', 'u.name', 'p.id as postId', 'p.title')
        .where('u.age', '>=', input.minAge)
        .where('u.is_active', input.isActive)
        .where('u.name', 'like', input.namePattern)
        .where('p.views', '>', input.minViews)
        .whereIn('u.id', input.userIds)
        .orderBy('p.id', 'desc')
        .limit(input.limit)
        .toSQL()
        .toNative()
      return { sql: native.sql, params: native.bindings }
    },

    async W2(ids): Promise<UserRow[]> {
      const knex = use()
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = (await knex('bench_users').select(USER_COLUMNS).where('id', ids[index]).first()) as UserRow
      return rows
    },

    W3: async () => (await use()('bench_users').select(USER_COLUMNS).orderBy('id')) as UserRow[],

    async W4(rows: readonly ItemRow[]) {
      await use().transaction(async (transaction) => {
        for (const chunk of chunkOf(rows)) await transaction('bench_items').insert(chunk.map(itemValues))
      })
    },

    async W5(rows: readonly ItemRow[]) {
      const knex = use()
      for (const row of rows) {
        await knex.transaction(async (transaction) => {
          const [id] = await insertReturningId(transaction, 'bench_items', [itemValues(row)])
          await transaction('bench_items')
            .where('id', id)
            .update({ value: row.value + W5_INCREMENT })
        })
      }
    },

    async W6(): Promise<LoadedUser[]> {
      const knex = use()
      const users = (await knex('bench_users').select('id', 'name').where('id', '<=', SIZES.w6Users).orderBy('id')) as FlatUser[]
      const posts = (await knex('bench_posts').select('id', 'user_id as userId', 'title').whereIn('user_id', idsOf(users)).orderBy('id')) as FlatPost[]
      const tags = (await knex('bench_post_tags as pt')
        .join('bench_tags as t', 't.id', 'pt.tag_id')
        .select('pt.post_id as postId', 't.id', 't.name')
        .whereIn('pt.post_id', idsOf(posts))
        .orderBy([{ column: 'pt.post_id' }, { column: 't.id' }])) as FlatPostTag[]
      return assembleUsers(users, posts, tags)
    },

    async W7(newUsers: readonly NewUser[]) {
      await use().transaction(async (transaction) => {
        const userIds: number[] = []
        for (const chunk of chunkOf(newUsers)) {
          userIds.push(...(await insertReturningId(transaction, 'bench_users', chunk.map((u) => ({ name: u.name, email: u.email, age: u.age, is_active: bool(u.isActive) })))))
        }
        const posts = newUsers.flatMap((user, index) => user.posts.map((post) => ({ user_id: userIds[index], title: post.title, body: post.body, views: post.views })))
        for (const chunk of chunkOf(posts)) await transaction('bench_posts').insert(chunk)
      })
    },

    async teardown() {
      await knex?.destroy()
      knex = undefined
    },
  }
}
