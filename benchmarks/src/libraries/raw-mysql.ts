/**
 * The floor on MySQL/MariaDB: one mysql2 connection; `execute` (server-prepared, cached by the
 * driver) for repeated statements, `query('… values ?', [rows])` for multi-row INSERTs.
 */
import mysql from 'mysql2/promise'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import type { ItemRow, LoadedUser, NewUser, UserRow } from '../workloads/data'
import { type FlatPost, type FlatPostTag, type FlatUser, assembleUsers, idsOf } from './assemble'
import { chunks } from '../workloads/data'
import { W5_INCREMENT } from './library'
import type { RawDriver } from './raw'

const USER_COLUMNS = 'id, name, email, age, is_active as isActive'
const marks = (count: number): string => new Array<string>(count).fill('?').join(', ')

export async function createRawMysql(fixture: Fixture): Promise<RawDriver> {
  const connection = await mysql.createConnection({ ...fixture.server })
  const rowsOf = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await connection.execute<mysql.RowDataPacket[]>(sql, params as mysql.ExecuteValues))[0] as T[]

  return {
    driverName: 'mysql2',
    W2: async (ids) => {
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = (await rowsOf<UserRow>(`select ${USER_COLUMNS} from bench_users where id = ?`, [ids[index]]))[0]
      return rows
    },
    W3: async () => rowsOf<UserRow>(`select ${USER_COLUMNS} from bench_users order by id`, []),
    W4: async (rows: readonly ItemRow[]) => {
      await connection.beginTransaction()
      for (const chunk of chunks(rows)) await connection.query('insert into bench_items (name, value, flag, note) values ?', [chunk.map((row) => [row.name, row.value, row.flag, row.note])])
      await connection.commit()
    },
    W5: async (rows: readonly ItemRow[]) => {
      for (const row of rows) {
        await connection.beginTransaction()
        const [inserted] = await connection.execute<mysql.ResultSetHeader>('insert into bench_items (name, value, flag, note) values (?, ?, ?, ?)', [row.name, row.value, row.flag, row.note])
        await connection.execute('update bench_items set value = ? where id = ?', [row.value + W5_INCREMENT, inserted.insertId])
        await connection.commit()
      }
    },
    W6: async (): Promise<LoadedUser[]> => {
      const users = await rowsOf<FlatUser>('select id, name from bench_users where id <= ? order by id', [SIZES.w6Users])
      const userIds = idsOf(users)
      const posts = await rowsOf<FlatPost>(`select id, user_id as userId, title from bench_posts where user_id in (${marks(userIds.length)}) order by id`, userIds)
      const postIds = idsOf(posts)
      const tags = await rowsOf<FlatPostTag>(
        `select pt.post_id as postId, t.id, t.name from bench_post_tags pt join bench_tags t on t.id = pt.tag_id where pt.post_id in (${marks(postIds.length)}) order by pt.post_id, t.id`,
        postIds,
      )
      return assembleUsers(users, posts, tags)
    },
    W7: async (users: readonly NewUser[]) => {
      await connection.beginTransaction()
      // InnoDB (innodb_autoinc_lock_mode 0 or 1, MariaDB's default) gives one multi-row INSERT consecutive keys from insertId.
      const posts: unknown[][] = []
      for (const chunk of chunks(users)) {
        const [result] = await connection.query<mysql.ResultSetHeader>('insert into bench_users (name, email, age, is_active) values ?', [chunk.map((u) => [u.name, u.email, u.age, u.isActive])])
        chunk.forEach((user, offset) => {
          for (const post of user.posts) posts.push([result.insertId + offset, post.title, post.body, post.views])
        })
      }
      for (const chunk of chunks(posts)) await connection.query('insert into bench_posts (user_id, title, body, views) values ?', [chunk])
      await connection.commit()
    },
    close: async () => {
      await connection.end()
    },
  }
}
