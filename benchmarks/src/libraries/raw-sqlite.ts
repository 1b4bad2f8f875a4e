/** The floor on SQLite: better-sqlite3 prepared statements, synchronous, object rows. */
import type Database from 'better-sqlite3'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { openSqlite } from '../fixtures/sqlite'
import type { ItemRow, LoadedUser, NewUser, UserRow } from '../workloads/data'
import { type FlatPost, type FlatPostTag, type FlatUser, assembleUsers, idsOf } from './assemble'
import { W5_INCREMENT } from './library'
import type { RawDriver } from './raw'

const USER_COLUMNS = 'id, name, email, age, is_active as isActive'

export function createRawSqlite(fixture: Fixture): RawDriver {
  const database: Database.Database = openSqlite(fixture.sqliteFile)
  const byId = database.prepare(`select ${USER_COLUMNS} from bench_users where id = ?`)
  const allUsers = database.prepare(`select ${USER_COLUMNS} from bench_users order by id`)
  const insertItem = database.prepare('insert into bench_items (name, value, flag, note) values (?, ?, ?, ?)')
  const updateItem = database.prepare('update bench_items set value = ? where id = ?')
  const insertUser = database.prepare('insert into bench_users (name, email, age, is_active) values (?, ?, ?, ?)')
  const insertPost = database.prepare('insert into bench_posts (user_id, title, body, views) values (?, ?, ?, ?)')
  const w6Users = database.prepare('select id, name from bench_users where id <= ? order by id')
  const inList = (count: number): string => new Array<string>(count).fill('?').join(', ')
  // Statements with an IN list are prepared once per list length, as a driver-level cache would.
  const prepared = new Map<string, Database.Statement>()
  const prepare = (sql: string): Database.Statement => {
    let statement = prepared.get(sql)
    if (statement === undefined) prepared.set(sql, (statement = database.prepare(sql)))
    return statement
  }

  return {
    driverName: 'better-sqlite3',
    W2: async (ids) => ids.map((id) => byId.get(id) as UserRow),
    W3: async () => allUsers.all() as UserRow[],
    W4: async (rows: readonly ItemRow[]) => {
      database.transaction(() => {
        for (const row of rows) insertItem.run(row.name, row.value, row.flag ? 1 : 0, row.note)
      })()
    },
    W5: async (rows: readonly ItemRow[]) => {
      const oneTransaction = database.transaction((row: ItemRow) => {
        const id = insertItem.run(row.name, row.value, row.flag ? 1 : 0, row.note).lastInsertRowid
        updateItem.run(row.value + W5_INCREMENT, id)
      })
      for (const row of rows) oneTransaction(row)
    },
    W6: async (): Promise<LoadedUser[]> => {
      const users = w6Users.all(SIZES.w6Users) as FlatUser[]
      const userIds = idsOf(users)
      const posts = prepare(`select id, user_id as userId, title from bench_posts where user_id in (${inList(userIds.length)}) order by id`).all(userIds) as FlatPost[]
      const postIds = idsOf(posts)
      const tags = prepare(`select pt.post_id as postId, t.id, t.name from bench_post_tags pt join bench_tags t on t.id = pt.tag_id where pt.post_id in (${inList(postIds.length)}) order by pt.post_id, t.id`).all(postIds) as FlatPostTag[]
      return assembleUsers(users, posts, tags)
    },
    W7: async (users: readonly NewUser[]) => {
      // One prepared INSERT per row inside a transaction is SQLite's fastest path; lastInsertRowid gives each key.
      database.transaction(() => {
        for (const user of users) {
          const userId = insertUser.run(user.name, user.email, user.age, user.isActive ? 1 : 0).lastInsertRowid
          for (const post of user.posts) insertPost.run(userId, post.title, post.body, post.views)
        }
      })()
    },
    close: async () => {
      database.close()
    },
  }
}
