import { type Dialect, type Driver, Engine, EngineEvents, type EngineOptions, parseEngineOptions } from '@athanor/core'
import { createPool, type PoolClass } from '@athanor/pool'
import { type DatabaseUrl, parseDatabaseUrl } from './database-url'
import { SqliteDialect } from './sqlite/sqlite-dialect'
import { SqliteDriver } from './sqlite/sqlite-driver'
import { MysqlDialect } from './mysql/mysql-dialect'
import { MysqlDriver } from './mysql/mysql-driver'
import { PostgresDialect } from './postgresql/postgresql-dialect'
import { PostgresDriver } from './postgresql/postgresql-driver'

/**
 * Creates an engine for a database URL; the dialect is picked from the scheme.
 *
 * ```ts
 * const engine = createEngine("sqlite::memory:")
 * const engine = createEngine("sqlite:///app.db", { echo: true })
 * const engine = createEngine("postgresql://app@db/prod?application_name=billing", { poolSize: 10, poolPrePing: true })
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
    leakWarningMs: settings.poolLeakWarning,
    warn: settings.logger,
    onConnect: (connection) => events.emit('connect', connection),
    onInvalidate: (event) => events.emit('invalidate', event),
    onClose: (connection) => events.emit('close', connection),
  })
  return new Engine(dialect, pool, settings, events)
}

function dialectFor(target: DatabaseUrl): { dialect: Dialect; driver: Driver; defaultPoolClass: PoolClass } {
  switch (target.dialect) {
    case 'sqlite':
      // Each connection to ":memory:" is a separate database: share one so all see the same data.
      return { dialect: new SqliteDialect(), driver: new SqliteDriver({ filename: target.filename }), defaultPoolClass: target.filename === ':memory:' ? 'static' : 'queue' }
    // DIALECT CASES: postgresql and mysql are added here.
    case 'postgresql':
      return {
        dialect: new PostgresDialect(),
        driver: new PostgresDriver({
          host: target.host,
          port: target.port,
          user: target.user,
          password: target.password,
          database: target.database,
          // postgresql://…/db?application_name=billing, as libpq reads it.
          applicationName: target.query.application_name,
        }),
        defaultPoolClass: 'queue',
      }
    case 'mysql': {
      // The first connection reads the server's version: MariaDB 10.5+ has INSERT/DELETE … RETURNING.
      const dialect = new MysqlDialect({ flavour: target.scheme === 'mariadb' ? 'mariadb' : undefined })
      const driver = new MysqlDriver({
        host: target.host,
        port: target.port,
        user: target.user,
        password: target.password,
        database: target.database,
        onServerVersion: (version) => dialect.useServerVersion(version),
      })
      return { dialect, driver, defaultPoolClass: 'queue' }
    }
    default:
      // Unreachable while every scheme of database-url.ts has a case above.
      throw new Error(`not yet: ${(target as DatabaseUrl).dialect}`)
  }
}
