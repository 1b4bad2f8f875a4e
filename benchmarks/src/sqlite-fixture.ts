import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { MetaData, integer, varchar, boolean } from '@athanor/core'

export const ROW_COUNT = 10_000

export const metadata = new MetaData()
export const users = metadata.table('bench_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  age: integer(),
  isActive: boolean().notNull(),
})

/** A SQLite file in WAL mode with ROW_COUNT users, created with the raw driver. */
export function createSqliteFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'athanor-bench-')), 'bench.db')
  const database = new Database(file)
  database.pragma('journal_mode = WAL')
  database.exec('create table bench_users (id integer primary key, name varchar(50) not null, email varchar(100) not null, age integer, is_active boolean not null)')
  const insert = database.prepare('insert into bench_users (id, name, email, age, is_active) values (?, ?, ?, ?, ?)')
  database.transaction(() => {
    for (let id = 1; id <= ROW_COUNT; id++) insert.run(id, `user ${id}`, `user${id}@example.com`, id % 90, id % 2)
  })()
  database.close()
  return file
}
