/** Kysely 0.28 over its own dialects (one pooled connection). No ORM: W6/W7 by hand. */
import { type Generated, Kysely, MysqlDialect, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import { createPool } from 'mysql2'
import { Pool } from 'pg'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { openSqlite } from '../fixtures/sqlite'
import { assembleUsers, idsOf } from './assemble'
import { type BenchLibrary, W5_INCREMENT, packageVersion } from './library'

interface Schema {
  bench_users: { id: Generated<number>; name: string; email: string; age: number | null; is_active: boolean | number }
  bench_posts: { id: Generated<number>; user_id: number; title: string; body: string | null; views: number }
  bench_tags: { id: Generated<number>; name: string }
  bench_post_tags: { post_id: number; tag_id: number }
  bench_items: { id: Generated<number>; name: string; value: number; flag: boolean | number; note: string | null }
}

export function createKyselyLibrary(): BenchLibrary {
  let db: Kysely<Schema> | undefined
  let kind: Fixture['kind'] = 'sqlite'
  const use = (): Kysely<Schema> => {
    if (db === undefined) throw new Error('kysely: setup() first')
    return db
  }
  // better-sqlite3 binds no JS booleans; a Kysely user on SQLite passes 0/1.
  const bool = (value: boolean): boolean | number => (kind === 'sqlite' ? (value ? 1 : 0) : value)
  const itemValues = (row: ItemRow): { name: string; value: number; flag: boolean | number; note: string | null } => ({ ...row, flag: bool(row.flag) })

  /** Inserts and returns the new key: RETURNING where the dialect has it, insertId on MySQL. */
  const insertItem = async (transaction: Transaction<Schema>, row: ItemRow): Promise<number> => {
    if (kind === 'mysql') return Number((await transaction.insertInto('bench_items').values(itemValues(row)).executeTakeFirstOrThrow()).insertId)
    return (await transaction.insertInto('bench_items').values(itemValues(row)).returning('id').executeTakeFirstOrThrow()).id
  }

  return {
    name: 'kysely',
    label: 'kysely',
    versions: '',
    methods: { W6: 'kysely (by hand)', W7: 'kysely (by hand)' },
    async setup(fixture: Fixture) {
      kind = fixture.kind
      const dialect =
        fixture.kind === 'sqlite'
          ? new SqliteDialect({ database: openSqlite(fixture.sqliteFile) })
          : fixture.kind === 'postgresql'
            ? new PostgresDialect({ pool: new Pool({ ...fixture.server, max: 1 }) })
            : new MysqlDialect({ pool: createPool({ ...fixture.server, connectionLimit: 1 }) })
      db = new Kysely<Schema>({ dialect })
      this.versions = `kysely ${packageVersion('kysely')}`
    },

    W1(input: W1Input): CompiledSql {
      const compiled = use()
        .selectFrom('bench_users as u')
        .innerJoin('bench_posts as p', 'p.user_id', 'u.id')
        .select(['u.id', 'u.name', 'p.id as postId', 'p.title'])
        .where('u.age', '>=', input.minAge)
        .where('u.is_active', '=', input.isActive)
        .where('u.name', 'like', input.namePattern)
        .where('p.views', '>', input.minViews)
        .where('u.id', 'in', input.userIds)
        .orderBy('p.id', 'desc')
        .limit(input.limit)
        .compile()
      return { sql: compiled.sql, params: compiled.parameters }
    },

    async W2(ids): Promise<UserRow[]> {
      const db = use()
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) {
        rows[index] = await db.selectFrom('bench_users').select(['id', 'name', 'email', 'age', 'is_active as isActive']).where('id', '=', ids[index]).executeTakeFirstOrThrow()
      }
      return rows
    },

    W3: () => use().selectFrom('bench_users').select(['id', 'name', 'email', 'age', 'is_active as isActive']).orderBy('id').execute(),

    async W4(rows: readonly ItemRow[]) {
      await use()
        .transaction()
        .execute(async (transaction) => {
          for (const chunk of chunks(rows)) await transaction.insertInto('bench_items').values(chunk.map(itemValues)).execute()
        })
    },

    async W5(rows: readonly ItemRow[]) {
      const db = use()
      for (const row of rows) {
        await db.transaction().execute(async (transaction) => {
          const id = await insertItem(transaction, row)
          await transaction
            .updateTable('bench_items')
            .set({ value: row.value + W5_INCREMENT })
            .where('id', '=', id)
            .execute()
        })
      }
    },

    async W6(): Promise<LoadedUser[]> {
      const db = use()
      const users = await db.selectFrom('bench_users').select(['id', 'name']).where('id', '<=', SIZES.w6Users).orderBy('id').execute()
      const posts = await db.selectFrom('bench_posts').select(['id', 'user_id as userId', 'title']).where('user_id', 'in', idsOf(users)).orderBy('id').execute()
      const tags = await db
        .selectFrom('bench_post_tags as pt')
        .innerJoin('bench_tags as t', 't.id', 'pt.tag_id')
        .select(['pt.post_id as postId', 't.id', 't.name'])
        .where('pt.post_id', 'in', idsOf(posts))
        .orderBy('pt.post_id')
        .orderBy('t.id')
        .execute()
      return assembleUsers(users, posts, tags)
    },

    async W7(newUsers: readonly NewUser[]) {
      await use()
        .transaction()
        .execute(async (transaction) => {
          const userIds: number[] = []
          for (const chunk of chunks(newUsers)) {
            const values = chunk.map((u) => ({ name: u.name, email: u.email, age: u.age, is_active: bool(u.isActive) }))
            if (kind === 'mysql') {
              // A multi-row INSERT reports its first key; InnoDB hands out consecutive ones.
              const firstId = Number((await transaction.insertInto('bench_users').values(values).executeTakeFirstOrThrow()).insertId)
              chunk.forEach((_, offset) => userIds.push(firstId + offset))
            } else {
              userIds.push(...(await transaction.insertInto('bench_users').values(values).returning('id').execute()).map((row) => row.id))
            }
          }
          const posts = newUsers.flatMap((user, index) => user.posts.map((post) => ({ user_id: userIds[index], title: post.title, body: post.body, views: post.views })))
          for (const chunk of chunks(posts)) await transaction.insertInto('bench_posts').values(chunk).execute()
        })
    },

    async teardown() {
      await db?.destroy()
      db = undefined
    },
  }
}
