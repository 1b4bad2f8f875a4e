import { type Engine, text } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS, type DialectName } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { countOnServer, recordServerConnections, sqliteFileUrl, waitUntil } from '../support/server-connections'

const CALLS = 200
const POOL_SIZE = 5
const MAX_OVERFLOW = 5

// Each call holds its connection for a few ms, so that all of them really overlap.
const WORK: Record<DialectName, string> = {
  postgresql: 'select cast(:n as integer) as n, pg_sleep(0.002) as slept',
  mysql: 'select cast(:n as signed) as n, sleep(0.002) as slept',
  sqlite: 'select :n as n',
}

/** Open connections as the engine's own events tell it: `connect` minus `close`, and its peak. */
function countOpenConnections(engine: Engine): { readonly current: () => number; readonly peak: () => number } {
  let open = 0
  let peak = 0
  engine.on('connect', () => {
    open++
    peak = Math.max(peak, open)
  })
  engine.on('close', () => open--)
  return { current: () => open, peak: () => peak }
}

describeEachDialect('pool under load', {}, (db) => {
  it(`${CALLS} concurrent executes on poolSize ${POOL_SIZE} + maxOverflow ${MAX_OVERFLOW} all succeed within ${POOL_SIZE + MAX_OVERFLOW} connections`, async () => {
    // sqlite::memory: is a static pool of one connection; a file has a real pool.
    const url = db.dialect === 'sqlite' ? sqliteFileUrl() : DATABASE_URLS[db.dialect]
    const engine = createEngine(url, { poolSize: POOL_SIZE, maxOverflow: MAX_OVERFLOW, poolTimeout: 20_000 })
    const server = db.dialect === 'sqlite' ? undefined : db.dialect
    const ids = recordServerConnections(engine)
    const open = countOpenConnections(engine)
    const serverCounts: number[] = []
    let peakOnServer: number | undefined
    let maxCheckedOut = 0
    let isRunning = true
    // Samples the server's view all through the run, through another engine.
    const sampling = (async () => {
      while (server !== undefined && isRunning) {
        serverCounts.push(await countOnServer(db.engine, server, ids))
        // Before the first connect there is nothing to query: yield so that the run can start.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    try {
      const results = await Promise.all(
        Array.from({ length: CALLS }, async (_, n) => {
          const connection = await engine.connect()
          try {
            const status = engine.pool.status()
            maxCheckedOut = Math.max(maxCheckedOut, status.checkedOut)
            // The first caller to see every connection out counts them on the server while it holds
            // its own: with callers still queued, none is closed, so the server must show exactly 10.
            if (server !== undefined && status.checkedOut === POOL_SIZE + MAX_OVERFLOW && peakOnServer === undefined) {
              peakOnServer = -1
              peakOnServer = await countOnServer(db.engine, server, ids)
            }
            return Number((await connection.execute(text(WORK[db.dialect]), { n })).first()?.n)
          } finally {
            await connection.close()
          }
        }),
      )
      isRunning = false
      await sampling
      expect(results).toEqual(Array.from({ length: CALLS }, (_, n) => n))
      expect(open.peak()).toBe(POOL_SIZE + MAX_OVERFLOW)
      expect(maxCheckedOut).toBe(POOL_SIZE + MAX_OVERFLOW)
      expect(engine.pool.status()).toEqual({ size: POOL_SIZE, checkedOut: 0, checkedIn: POOL_SIZE, overflow: 0, waiting: 0 })
      await waitUntil(() => open.current() === POOL_SIZE, 'the overflow connections to close')
      if (server !== undefined) {
        expect(peakOnServer).toBe(POOL_SIZE + MAX_OVERFLOW)
        expect(Math.max(...serverCounts)).toBeLessThanOrEqual(POOL_SIZE + MAX_OVERFLOW)
        expect(ids.length).toBe(POOL_SIZE + MAX_OVERFLOW) // no connection was opened twice
        await waitUntil(async () => (await countOnServer(db.engine, server, ids)) <= POOL_SIZE, 'the server to hold at most poolSize connections')
      }
    } finally {
      isRunning = false
      await engine.dispose()
    }
    expect(open.current()).toBe(0)
    if (server !== undefined) await waitUntil(async () => (await countOnServer(db.engine, server, ids)) === 0, 'dispose() to close every connection')
  })
})
