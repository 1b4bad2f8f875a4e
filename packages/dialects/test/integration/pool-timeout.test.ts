import { type Connection, PoolTimeoutError, text } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { waitUntil } from '../support/server-connections'

describeEachDialect('pool timeout', {}, (db) => {
  // sqlite::memory: is a static pool: its one connection is the whole pool.
  const capacity = (): number => (db.dialect === 'sqlite' ? 1 : 2)

  it('with every connection held, the next checkout fails with PoolTimeoutError after about poolTimeout, then the pool serves again', async () => {
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolSize: 1, maxOverflow: 1, poolTimeout: 200 })
    try {
      const held: Connection[] = []
      for (let index = 0; index < capacity(); index++) held.push(await engine.connect())
      const startedAt = performance.now()
      const error = await engine.connect().catch((caught: unknown) => caught)
      const waitedMs = performance.now() - startedAt
      expect(error).toBeInstanceOf(PoolTimeoutError)
      expect((error as Error).message).toContain(`Timed out after 200 ms waiting for a connection (pool size ${capacity()}, checked out ${capacity()}, waiting 1 including this caller)`)
      // The one timed assertion of the pool suite, in a generous window.
      expect(waitedMs).toBeGreaterThanOrEqual(150)
      expect(waitedMs).toBeLessThan(2_000)

      await Promise.all(held.map((connection) => connection.close()))
      const results = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const connection = await engine.connect()
          try {
            return (await connection.execute(text('select 1 as one'))).scalar()
          } finally {
            await connection.close()
          }
        }),
      )
      expect(results.map(Number)).toEqual([1, 1, 1, 1, 1])
      expect(engine.pool.status()).toMatchObject({ checkedOut: 0, waiting: 0 })
    } finally {
      await engine.dispose()
    }
  })

  it('reports waiting callers, and serves them in turn as connections come back', async () => {
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolSize: 1, maxOverflow: 1, poolTimeout: 10_000 })
    try {
      const held: Connection[] = []
      for (let index = 0; index < capacity(); index++) held.push(await engine.connect())
      const waiters = Array.from({ length: 3 }, () => engine.connect())
      await waitUntil(() => engine.pool.status().waiting === 3, 'three callers to be queued')
      expect(engine.pool.status()).toEqual({ size: capacity(), checkedOut: capacity(), checkedIn: 0, overflow: capacity() - 1, waiting: 3 })
      await held[0].close()
      const first = await Promise.race(waiters)
      expect(engine.pool.status()).toMatchObject({ checkedOut: capacity(), waiting: 2 })
      await first.close()
      await Promise.all(held.slice(1).map((connection) => connection.close()))
      await Promise.all(waiters.map(async (waiter) => (await waiter).close()))
      expect(engine.pool.status()).toMatchObject({ checkedOut: 0, waiting: 0 })
    } finally {
      await engine.dispose()
    }
  })
})
