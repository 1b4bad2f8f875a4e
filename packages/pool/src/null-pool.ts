import type { ConnectionPool, DriverConnection, InvalidateReason, PoolStatus } from '@athanor/core'
import { LeakDetector } from './leak-detector'
import type { PoolOptions } from './pool-options'

/**
 * No pooling: each checkout opens a connection and each return closes it (SQLAlchemy's NullPool),
 * for serverless functions or when an external pooler (PgBouncer, ProxySQL) does the pooling.
 * Closing discards any session state, so nothing needs resetting on return.
 */
export class NullPool implements ConnectionPool {
  private readonly lent = new Set<DriverConnection>()
  private readonly closing = new Set<Promise<void>>()
  private readonly leaks: LeakDetector

  constructor(private readonly options: PoolOptions) {
    this.leaks = new LeakDetector(options.leakWarningMs, options.warn ?? ((message) => console.warn(message)))
  }

  /** Opens a new connection for this caller. */
  async acquire(): Promise<DriverConnection> {
    const site = this.leaks.captureSite(this.acquire)
    const connection = await this.options.open()
    this.options.onConnect?.(connection)
    this.lent.add(connection)
    this.leaks.watch(connection, site)
    return connection
  }

  /** Closes the connection. */
  async release(connection: DriverConnection): Promise<void> {
    await this.close(connection)
  }

  /** Closes the connection, telling `onInvalidate` why. */
  async invalidate(connection: DriverConnection, reason: InvalidateReason, error?: unknown): Promise<void> {
    if (!this.lent.has(connection)) return
    this.options.onInvalidate?.({ connection, reason, error })
    await this.close(connection)
  }

  /** Every open connection is a checked-out one. */
  status(): PoolStatus {
    return { size: this.lent.size, checkedOut: this.lent.size, checkedIn: 0, overflow: 0, waiting: 0 }
  }

  /** Nothing is idle; connections still checked out are closed when returned, as always. */
  async dispose(): Promise<void> {
    await Promise.all(this.closing)
  }

  private async close(connection: DriverConnection): Promise<void> {
    if (!this.lent.delete(connection)) return
    this.leaks.forget(connection)
    const closing = (async () => {
      try {
        await connection.close()
      } catch {
        // A connection that fails to close is gone all the same.
      }
      this.options.onClose?.(connection)
    })()
    this.closing.add(closing)
    try {
      await closing
    } finally {
      this.closing.delete(closing)
    }
  }
}
