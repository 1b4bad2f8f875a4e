import { type DriverConnection, PoolTimeoutError } from '@athanor/core'
import { FakeConnection, fakePoolOptions, settle } from '../test/support/fake-driver'
import type { PoolOptions } from './pool-options'
import { QueuePool } from './queue-pool'

const pools: QueuePool[] = []

function createQueuePool(options: PoolOptions): QueuePool {
  const pool = new QueuePool(options)
  pools.push(pool)
  return pool
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.dispose()))
})

const fake = (connection: DriverConnection): FakeConnection => connection as FakeConnection

describe('QueuePool sizing and overflow', () => {
  it('opens up to poolSize + maxOverflow, queues the rest, and counts them', async () => {
    const { options } = fakePoolOptions({ poolSize: 2, maxOverflow: 2 })
    const pool = createQueuePool(options)
    const held = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire()])
    expect(pool.status()).toEqual({ size: 4, checkedOut: 4, checkedIn: 0, overflow: 2, waiting: 0 })
    const fifth = pool.acquire()
    await settle()
    expect(pool.status().waiting).toBe(1)
    await pool.release(held[0])
    expect(await fifth).toBe(held[0]) // handed to the waiter, not closed and reopened
    expect(pool.status()).toEqual({ size: 4, checkedOut: 4, checkedIn: 0, overflow: 2, waiting: 0 })
  })

  it('closes a connection returned while the pool is above poolSize and nobody waits', async () => {
    const { options, log } = fakePoolOptions({ poolSize: 2, maxOverflow: 2 })
    const pool = createQueuePool(options)
    const held = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire(), pool.acquire()])
    for (const connection of held) await pool.release(connection)
    await settle()
    expect(pool.status()).toEqual({ size: 2, checkedOut: 0, checkedIn: 2, overflow: 0, waiting: 0 })
    expect(held.map((connection) => fake(connection).closes)).toEqual([1, 1, 0, 0])
    expect(log.filter((line) => line.startsWith('close'))).toEqual([`close ${held[0].serverConnectionId}`, `close ${held[1].serverConnectionId}`])
  })

  it('serves callers after dropping a returned overflow connection, reusing the idle ones first', async () => {
    const { options, opened } = fakePoolOptions({ poolSize: 1, maxOverflow: 1 })
    const pool = createQueuePool(options)
    const [first, second] = await Promise.all([pool.acquire(), pool.acquire()])
    await pool.release(first) // above poolSize: closed
    await pool.release(second) // kept
    const again = await pool.acquire()
    expect(again).toBe(second)
    const more = await pool.acquire() // meets the dropped entry, then opens a new one
    expect(opened).toHaveLength(3)
    expect(more).toBe(opened[2])
    expect(pool.status()).toMatchObject({ size: 2, checkedOut: 2 })
  })

  it('times out with PoolTimeoutError giving size, checked-out and waiting counts, then serves again', async () => {
    const { options } = fakePoolOptions({ poolSize: 1, maxOverflow: 0, poolTimeout: 50 })
    const pool = createQueuePool(options)
    const held = await pool.acquire()
    const error = await pool.acquire().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PoolTimeoutError)
    expect((error as Error).message).toContain('Timed out after 50 ms waiting for a connection (pool size 1, checked out 1, waiting 1 including this caller)')
    await pool.release(held)
    expect(await pool.acquire()).toBe(held)
  })
})

describe('QueuePool reset on return', () => {
  it('rolls back what the borrower left open, and sends nothing otherwise', async () => {
    const { options } = fakePoolOptions()
    const pool = createQueuePool(options)
    const connection = fake(await pool.acquire())
    connection.isInTransaction = true
    await pool.release(connection)
    expect(connection.rollbacks).toBe(1)
    await pool.release(await pool.acquire())
    expect(connection.rollbacks).toBe(1)
    expect(connection.closes).toBe(0)
  })

  it('discards a connection whose rollback fails, or that the driver knows is dead', async () => {
    const { options, invalidations } = fakePoolOptions()
    const pool = createQueuePool(options)
    const [failing, dead] = [fake(await pool.acquire()), fake(await pool.acquire())]
    failing.failsReset = true
    dead.isAlive = false
    await pool.release(failing)
    await pool.release(dead)
    expect(invalidations.map((event) => event.reason)).toEqual(['resetFailed', 'disconnect'])
    expect((invalidations[0].error as Error).message).toBe('rollback failed')
    expect(pool.status()).toMatchObject({ size: 0, checkedOut: 0 })
  })
})

describe('QueuePool health checks', () => {
  it('pre-pings reused connections only, and replaces a dead one without the caller noticing', async () => {
    const { options, opened, log } = fakePoolOptions({ poolPrePing: true })
    const pool = createQueuePool(options)
    const first = fake(await pool.acquire())
    expect(first.pings).toBe(0) // fresh from open(): known alive
    await pool.release(first)
    first.isAlive = false
    const replacement = await pool.acquire()
    expect(first.pings).toBe(1)
    expect(replacement).toBe(opened[1])
    expect(log).toEqual(['connect 1', 'invalidate 1 prePing', 'close 1', 'connect 2'])
  })

  it('after a disconnect, replaces every connection opened before it at checkout, without pinging them', async () => {
    const { options, opened } = fakePoolOptions({ poolSize: 3, poolPrePing: true })
    const pool = createQueuePool(options)
    const held = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()])
    await pool.invalidate(held[0], 'disconnect', new Error('server closed the connection'))
    await pool.release(held[1])
    await pool.release(held[2])
    expect(pool.status().size).toBe(0) // returned after the disconnect: closed, not kept
    const fresh = await pool.acquire()
    expect(fresh).toBe(opened[3])
    expect(held.map((connection) => fake(connection).pings)).toEqual([0, 0, 0])
  })

  it('an explicitly invalidated connection does not condemn the others', async () => {
    const { options } = fakePoolOptions()
    const pool = createQueuePool(options)
    const [kept, broken] = [await pool.acquire(), await pool.acquire()]
    await pool.release(kept)
    await pool.invalidate(broken, 'requested')
    expect(await pool.acquire()).toBe(kept)
  })

  it('replaces a connection older than poolRecycle at checkout', async () => {
    const { options, opened, log } = fakePoolOptions({ poolRecycle: 1 })
    const pool = createQueuePool(options)
    await pool.release(await pool.acquire())
    await settle()
    const next = await pool.acquire()
    expect(next).toBe(opened[1])
    expect(log).toEqual(['connect 1', 'close 1', 'connect 2'])
  })
})

describe('QueuePool dispose', () => {
  it('closes idle connections now, checked-out ones when returned, and reopens for later checkouts', async () => {
    const { options, opened } = fakePoolOptions()
    const pool = createQueuePool(options)
    const [idle, out] = [await pool.acquire(), await pool.acquire()]
    await pool.release(idle)
    await pool.dispose()
    expect(fake(idle).closes).toBe(1)
    expect(fake(out).closes).toBe(0)
    expect(pool.status()).toMatchObject({ size: 1, checkedOut: 1 })
    await pool.release(out)
    await settle()
    expect(fake(out).closes).toBe(1)
    const later = await pool.acquire()
    expect(later).toBe(opened[2])
    expect(pool.status()).toMatchObject({ size: 1, checkedOut: 1 })
  })

  it('moves callers waiting at dispose() to the new pool', async () => {
    const { options, opened } = fakePoolOptions({ poolSize: 1, maxOverflow: 0 })
    const pool = createQueuePool(options)
    const held = await pool.acquire()
    const waiter = pool.acquire()
    await settle()
    await pool.dispose()
    expect(await waiter).toBe(opened[1])
    await pool.release(held)
    await settle()
    expect(fake(held).closes).toBe(1)
  })
})

describe('QueuePool leak warnings', () => {
  it('warns about a connection kept out too long, with the stack of the code that checked it out', async () => {
    const warnings: string[] = []
    const { options } = fakePoolOptions({ leakWarningMs: 20, warn: (message) => warnings.push(message) })
    const pool = createQueuePool(options)
    const returnedInTime = await pool.acquire()
    await pool.release(returnedInTime)
    async function checkOutAndForget(): Promise<DriverConnection> {
      return pool.acquire()
    }
    const forgotten = await checkOutAndForget()
    while (warnings.length === 0) await settle()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('checked out for more than 20 ms (poolLeakWarning)')
    expect(warnings[0]).toMatch(/checked out at:\n\s+at checkOutAndForget .*queue-pool\.test\.ts/)
    await pool.release(forgotten)
  })
})
