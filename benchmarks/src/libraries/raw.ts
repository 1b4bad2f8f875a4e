/**
 * The floor: each database's driver used directly, by hand, with its fastest ordinary method.
 * W6 is three hand-written queries (users, posts IN (...), tags via post_tags IN (...)) assembled
 * into objects; W7 is multi-row INSERTs (on SQLite, one prepared INSERT per row in a transaction).
 */
import type { Fixture } from '../fixtures/fixture'
import type { ItemRow, LoadedUser, NewUser, UserRow } from '../workloads/data'
import { type BenchLibrary, packageVersion } from './library'
import { createRawMysql } from './raw-mysql'
import { createRawPostgres } from './raw-postgresql'
import { createRawSqlite } from './raw-sqlite'

/** One database's raw implementation. */
export interface RawDriver {
  readonly driverName: string
  W2(ids: readonly number[]): Promise<UserRow[]>
  W3(): Promise<UserRow[]>
  W4(rows: readonly ItemRow[]): Promise<void>
  W5(rows: readonly ItemRow[]): Promise<void>
  W6(): Promise<LoadedUser[]>
  W7(users: readonly NewUser[]): Promise<void>
  close(): Promise<void>
}

export function createRawLibrary(): BenchLibrary {
  let driver: RawDriver | undefined
  const use = (): RawDriver => {
    if (driver === undefined) throw new Error('raw: setup() first')
    return driver
  }
  return {
    name: 'raw',
    label: 'raw',
    versions: '',
    methods: { W6: 'raw (3 queries by hand)', W7: 'raw (multi-row inserts by hand)' },
    async setup(fixture: Fixture) {
      driver = fixture.kind === 'sqlite' ? createRawSqlite(fixture) : fixture.kind === 'postgresql' ? await createRawPostgres(fixture) : await createRawMysql(fixture)
      this.label = `raw (${driver.driverName})`
      this.versions = `${driver.driverName} ${packageVersion(driver.driverName)}`
    },
    W2: (ids) => use().W2(ids),
    W3: () => use().W3(),
    W4: (rows) => use().W4(rows),
    W5: (rows) => use().W5(rows),
    W6: () => use().W6(),
    W7: (users) => use().W7(users),
    async teardown() {
      await driver?.close()
      driver = undefined
    },
  }
}
