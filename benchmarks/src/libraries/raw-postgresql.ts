/** The floor on PostgreSQL: one pg Client, named (server-prepared) statements for repeated SQL. */
import { Client } from 'pg'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import type { ItemRow, LoadedUser, NewUser, UserRow } from '../workloads/data'
import { type FlatPost, type FlatPostTag, type FlatUser, assembleUsers, chunkPlaceholders, idsOf } from './assemble'
import { W5_INCREMENT } from './library'
import type { RawDriver } from './raw'

const USER_COLUMNS = 'id, name, email, age, is_active as "isActive"'
const dollars = (count: number, from = 1): string => Array.from({ length: count }, (_, index) => `$${index + from}`).join(', ')

export async function createRawPostgres(fixture: Fixture): Promise<RawDriver> {
  const client = new Client(fixture.server)
  await client.connect()
  const insertRows = async (table: string, columns: readonly string[], rows: readonly unknown[][], returning = ''): Promise<{ id: number }[]> => {
    const result = await client.query<{ id: number }>({
      // Same-length chunks share one server-prepared statement.
      name: `insert-${table}-${rows.length}${returning}`,
      text: `insert into ${table} (${columns.join(', ')}) values ${chunkPlaceholders(rows.length, columns.length, (n) => `$${n}`)}${returning}`,
      values: rows.flat(),
    })
    return result.rows
  }

  return {
    driverName: 'pg',
    W2: async (ids) => {
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) {
        rows[index] = (await client.query<UserRow>({ name: 'w2', text: `select ${USER_COLUMNS} from bench_users where id = $1`, values: [ids[index]] })).rows[0]
      }
      return rows
    },
    W3: async () => (await client.query<UserRow>({ name: 'w3', text: `select ${USER_COLUMNS} from bench_users order by id` })).rows,
    W4: async (rows: readonly ItemRow[]) => {
      await client.query('begin')
      for (let start = 0; start < rows.length; start += SIZES.insertChunk) {
        const chunk = rows.slice(start, start + SIZES.insertChunk)
        await insertRows('bench_items', ['name', 'value', 'flag', 'note'], chunk.map((row) => [row.name, row.value, row.flag, row.note]))
      }
      await client.query('commit')
    },
    W5: async (rows: readonly ItemRow[]) => {
      for (const row of rows) {
        await client.query('begin')
        const inserted = await client.query<{ id: number }>({ name: 'w5-insert', text: 'insert into bench_items (name, value, flag, note) values ($1, $2, $3, $4) returning id', values: [row.name, row.value, row.flag, row.note] })
        await client.query({ name: 'w5-update', text: 'update bench_items set value = $1 where id = $2', values: [row.value + W5_INCREMENT, inserted.rows[0].id] })
        await client.query('commit')
      }
    },
    W6: async (): Promise<LoadedUser[]> => {
      const users = (await client.query<FlatUser>({ name: 'w6-users', text: 'select id, name from bench_users where id <= $1 order by id', values: [SIZES.w6Users] })).rows
      const userIds = idsOf(users)
      const posts = (await client.query<FlatPost>({ name: `w6-posts-${userIds.length}`, text: `select id, user_id as "userId", title from bench_posts where user_id in (${dollars(userIds.length)}) order by id`, values: userIds })).rows
      const postIds = idsOf(posts)
      const tags = (
        await client.query<FlatPostTag>({
          name: `w6-tags-${postIds.length}`,
          text: `select pt.post_id as "postId", t.id, t.name from bench_post_tags pt join bench_tags t on t.id = pt.tag_id where pt.post_id in (${dollars(postIds.length)}) order by pt.post_id, t.id`,
          values: postIds,
        })
      ).rows
      return assembleUsers(users, posts, tags)
    },
    W7: async (users: readonly NewUser[]) => {
      await client.query('begin')
      // RETURNING gives the keys in VALUES order, which the posts below rely on.
      const ids = await insertRows('bench_users', ['name', 'email', 'age', 'is_active'], users.map((u) => [u.name, u.email, u.age, u.isActive]), ' returning id')
      const posts = users.flatMap((user, index) => user.posts.map((post) => [ids[index].id, post.title, post.body, post.views]))
      for (let start = 0; start < posts.length; start += SIZES.insertChunk) await insertRows('bench_posts', ['user_id', 'title', 'body', 'views'], posts.slice(start, start + SIZES.insertChunk))
      await client.query('commit')
    },
    close: async () => {
      await client.end()
    },
  }
}
