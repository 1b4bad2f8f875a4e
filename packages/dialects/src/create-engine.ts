import { type Dialect, type Driver, Engine, EngineEvents, type EngineOptions, parseEngineOptions } from '@athanor/core'
import { createPool, type PoolClass } from '@athanor/pool'
import { type DatabaseUrl, parseDatabaseUrl } from './database-url'
import { SqliteDialect } from './sqlite/sqlite-dialect'
import { SqliteDriver } from './sqlite/sqlite-driver'

/**
 * Creates an engine for a database URL; the dialect is picked from the scheme.
 *
 * ```ts
 * const engine = createEngine("sqlite::memory:")
 * const engine = createEngine("sqlite:///app.db", { echo: true })
 * ```
 * Options are validated: a bad one is an `ArgumentError` naming it.
 */
export function createEngine(url: string, options: EngineOptions = {}): Engine {
  const settings = parseEngineOptions(options)
  const target = parseDatabaseUrl(url)
  const { dialect, driver, defaultPoolClass } = dialectFor(target)
  const events = new EngineEvents()
  const pool = createPool(settings.poolClass ?? defaultPoolClass, {
    open: () => driver.connect(),
    poolSize: settings.poolSize,
    maxOverflow: settings.maxOverflow,
    poolTimeout: settings.poolTimeout,
    poolRecycle: settings.poolRecycle,
    poolPrePing: settings.poolPrePing,
    onConnect: (connection) => events.emit('connect', connection),
  })
  return new Engine(dialect, pool, settings, events)
}

function dialectFor(target: DatabaseUrl): { dialect: Dialect; driver: Driver; defaultPoolClass: PoolClass } {
  switch (target.dialect) {
    case 'sqlite':
      // Each connection to ":memory:" is a separate database: share one so all see the same data.
      return { dialect: new SqliteDialect(), driver: new SqliteDriver({ filename: target.filename }), defaultPoolClass: target.filename === ':memory:' ? 'static' : 'queue' }
    // DIALECT CASES: postgresql and mysql are added here.
    default:
      throw new Error(`not yet: ${target.dialect}`)
  }
}
