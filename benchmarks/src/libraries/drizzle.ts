/**
 * Drizzle ORM: the select builder for W1–W5, its relational query API (`db.query…findMany` with
 * nested `with`) for W6, and by hand for W7 (Drizzle has no unit of work).
 */
import type { Fixture } from '../fixtures/fixture'
import { type DrizzleDriver } from './drizzle/drizzle-driver'
import { createDrizzleMysql } from './drizzle/drizzle-mysql'
import { createDrizzlePostgres } from './drizzle/drizzle-postgresql'
import { createDrizzleSqlite } from './drizzle/drizzle-sqlite'
import { type BenchLibrary, packageVersion } from './library'

export function createDrizzleLibrary(): BenchLibrary {
  let driver: DrizzleDriver | undefined
  const use = (): DrizzleDriver => {
    if (driver === undefined) throw new Error('drizzle: setup() first')
    return driver
  }
  return {
    name: 'drizzle',
    label: 'drizzle',
    versions: '',
    methods: { W6: 'drizzle (relational query)', W7: 'drizzle (by hand)' },
    async setup(fixture: Fixture) {
      driver = fixture.kind === 'sqlite' ? createDrizzleSqlite(fixture) : fixture.kind === 'postgresql' ? createDrizzlePostgres(fixture) : createDrizzleMysql(fixture)
      this.methods.W6 = driver.w6Method ?? 'drizzle (relational query)'
      this.versions = `drizzle-orm ${packageVersion('drizzle-orm')}`
    },
    W1: (input) => use().W1(input),
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
