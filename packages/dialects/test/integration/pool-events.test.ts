import { type DriverConnection, type Engine, text } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { type ServerDialect, countOnServer, recordServerConnections, sqliteFileUrl, waitUntil } from '../support/server-connections'

/** Every pool event, with connections numbered in the order they were opened. */
function recordPoolEvents(engine: Engine): string[] {
  const log: string[] = []
  const numbers = new Map<DriverConnection, number>()
  const number = (connection: DriverConnection): number => numbers.get(connection) ?? -1
  engine.on('connect', (connection) => {
    numbers.set(connection, numbers.size + 1)
    log.push(`connect ${number(connection)}`)
  })
  engine.on('checkout', (connection) => log.push(`checkout ${number(connection)}`))
  engine.on('checkin', (connection) => log.push(`checkin ${number(connection)}`))
  engine.on('invalidate', ({ connection, reason }) => log.push(`invalidate ${number(connection)} ${reason}`))
  engine.on('close', (connection) => log.push(`close ${number(connection)}`))
  return log
}

async function selectOne(engine: Engine): Promise<number> {
  const connection = await engine.connect()
  try {
    return Number((await connection.execute(text('select 1 as one'))).scalar())
  } finally {
    await connection.close()
  }
}

describeEachDialect('pool events, status and dispose', {}, (db) => {
  // sqlite::memory: is a static pool of one connection; a file gets a queue pool like the servers.
  const queuePoolUrl = (): string => (db.dialect === 'sqlite' ? sqliteFileUrl() : DATABASE_URLS[db.dialect])

  it('emits connect, checkout, checkin, invalidate and close; dispose() closes, and later checkouts reopen', async () => {
    const engine = createEngine(queuePoolUrl(), { poolSize: 1, maxOverflow: 0 })
    const log = recordPoolEvents(engine)
    try {
      expect(await selectOne(engine)).toBe(1)
      const doomed = await engine.connect()
      await doomed.invalidate()
      expect(doomed.invalidated).toBe(true)
      expect(await selectOne(engine)).toBe(1)
      await engine.dispose()
      expect(engine.pool.status()).toEqual({ size: 0, checkedOut: 0, checkedIn: 0, overflow: 0, waiting: 0 })
      expect(await selectOne(engine)).toBe(1)
    } finally {
      await engine.dispose()
    }
    expect(log).toEqual([
      'connect 1', 'checkout 1', 'checkin 1',
      'checkout 1', 'invalidate 1 requested', 'close 1', 'checkin 1',
      'connect 2', 'checkout 2', 'checkin 2',
      'close 2', // dispose()
      'connect 3', 'checkout 3', 'checkin 3', // the engine reopens
      'close 3',
    ])
  })

  it('reports size, checked out, overflow, checked in and waiting', async () => {
    const engine = createEngine(queuePoolUrl(), { poolSize: 1, maxOverflow: 1 })
    try {
      expect(engine.pool.status()).toEqual({ size: 0, checkedOut: 0, checkedIn: 0, overflow: 0, waiting: 0 })
      const [first, second] = [await engine.connect(), await engine.connect()]
      expect(engine.pool.status()).toEqual({ size: 2, checkedOut: 2, checkedIn: 0, overflow: 1, waiting: 0 })
      await first.close() // above poolSize with nobody waiting: closed
      expect(engine.pool.status()).toEqual({ size: 1, checkedOut: 1, checkedIn: 0, overflow: 0, waiting: 0 })
      await second.close()
      expect(engine.pool.status()).toEqual({ size: 1, checkedOut: 0, checkedIn: 1, overflow: 0, waiting: 0 })
    } finally {
      await engine.dispose()
    }
  })

  it('dispose() leaves a checked-out connection usable and closes it when it is returned', async () => {
    const engine = createEngine(queuePoolUrl(), { poolSize: 2, maxOverflow: 0 })
    const ids = recordServerConnections(engine)
    const log = recordPoolEvents(engine)
    try {
      const [idle, held] = [await engine.connect(), await engine.connect()]
      await idle.close()
      await engine.dispose()
      expect(log.filter((line) => line.startsWith('close'))).toHaveLength(1)
      expect(Number((await held.execute(text('select 1 as one'))).scalar())).toBe(1)
      await held.close()
      await waitUntil(() => log.filter((line) => line.startsWith('close')).length === 2, 'the returned connection to close')
      if (db.dialect !== 'sqlite') await waitUntil(async () => (await countOnServer(db.engine, db.dialect as ServerDialect, ids)) === 0, 'the server to drop both')
    } finally {
      await engine.dispose()
    }
  })

  it('exposes the server id of each connection (undefined on SQLite)', async () => {
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolSize: 1 })
    try {
      const connection = await engine.connect()
      try {
        if (db.dialect === 'sqlite') {
          expect(connection.serverConnectionId).toBeUndefined()
        } else {
          const sql = db.dialect === 'postgresql' ? 'select pg_backend_pid() as id' : 'select connection_id() as id'
          expect(Number((await connection.execute(text(sql))).scalar())).toBe(connection.serverConnectionId)
        }
      } finally {
        await connection.close()
      }
    } finally {
      await engine.dispose()
    }
  })

  // application_name is a PostgreSQL setting: the other databases have no equivalent to check.
  const itOnPostgres = db.dialect === 'postgresql' ? it : it.skip
  itOnPostgres('names its PostgreSQL connections "athanor", or what the URL says', async () => {
    const readName = async (url: string): Promise<unknown> => {
      const engine = createEngine(url, { poolSize: 1 })
      try {
        const connection = await engine.connect()
        try {
          return (await connection.execute(text("select current_setting('application_name') as name"))).scalar()
        } finally {
          await connection.close()
        }
      } finally {
        await engine.dispose()
      }
    }
    expect(await readName(DATABASE_URLS.postgresql)).toBe('athanor')
    const separator = DATABASE_URLS.postgresql.includes('?') ? '&' : '?'
    expect(await readName(`${DATABASE_URLS.postgresql}${separator}application_name=pool_events_test`)).toBe('pool_events_test')
  })
})
