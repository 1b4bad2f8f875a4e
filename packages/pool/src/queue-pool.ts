import { type ConnectionPool, type DriverConnection, PoolTimeoutError, type PoolStatus } from '@athanor/core'
import { Pool, TimeoutError } from 'tarn'
import type { PoolOptions } from './pool-options'

// Overflow connections (above poolSize) are closed after this long idle.
const OVERFLOW_IDLE_MS = 1_000

/**
 * A pool on tarn: up to `poolSize + maxOverflow` connections, waiting callers queued for at most
 * `poolTimeout` ms. `maxConnections: 1` with no idle reaping makes the "static" pool (one shared
 * connection, lent to one caller at a time).
 */
export class QueuePool implements ConnectionPool {
  private readonly pool: Pool<DriverConnection>
  private readonly openedAt = new WeakMap<DriverConnection, number>()
  private readonly invalidated = new WeakSet<DriverConnection>()

  constructor(
    private readonly options: PoolOptions,
    isStatic = false,
  ) {
    this.pool = new Pool<DriverConnection>({
      create: async () => {
        const connection = await options.open()
        this.openedAt.set(connection, Date.now())
        options.onConnect?.(connection)
        return connection
      },
      destroy: (connection) => connection.close(),
      validate: (connection) => !this.invalidated.has(connection) && !this.isExpired(connection),
      min: isStatic ? 1 : options.poolSize,
      max: isStatic ? 1 : options.poolSize + options.maxOverflow,
      acquireTimeoutMillis: options.poolTimeout,
      createTimeoutMillis: options.poolTimeout,
      idleTimeoutMillis: isStatic ? Number.MAX_SAFE_INTEGER : OVERFLOW_IDLE_MS,
      reapIntervalMillis: 1_000,
      propagateCreateError: true,
    })
  }

  async acquire(): Promise<DriverConnection> {
    for (;;) {
      let connection: DriverConnection
      try {
        connection = await this.pool.acquire().promise
      } catch (error) {
        if (error instanceof TimeoutError) throw PoolTimeoutError.afterWaiting(this.options.poolTimeout, this.status(), error)
        throw error
      }
      if (!this.options.poolPrePing || (await pingQuietly(connection))) return connection
      await this.invalidate(connection)
    }
  }

  release(connection: DriverConnection): void {
    this.pool.release(connection)
  }

  async invalidate(connection: DriverConnection): Promise<void> {
    this.invalidated.add(connection)
    this.pool.release(connection)
    await Promise.resolve(connection.close()).catch(() => undefined)
  }

  status(): PoolStatus {
    const checkedOut = this.pool.numUsed()
    const checkedIn = this.pool.numFree()
    const size = checkedOut + checkedIn
    return { size, checkedOut, checkedIn, overflow: Math.max(0, size - this.options.poolSize), waiting: this.pool.numPendingAcquires() }
  }

  /**
   * Closes the idle connections now. tarn's destroy waits for lent connections to come back, so
   * when some are still out it is not awaited: they are closed as they are returned.
   */
  async dispose(): Promise<void> {
    const destroying = this.pool.destroy()
    if (this.pool.numUsed() === 0) await destroying
    else destroying.catch(() => undefined)
  }

  private isExpired(connection: DriverConnection): boolean {
    if (this.options.poolRecycle <= 0) return false
    return Date.now() - (this.openedAt.get(connection) ?? 0) > this.options.poolRecycle
  }
}

async function pingQuietly(connection: DriverConnection): Promise<boolean> {
  try {
    return await connection.ping()
  } catch {
    return false
  }
}
