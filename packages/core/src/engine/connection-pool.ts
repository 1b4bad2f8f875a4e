import type { DriverConnection } from './driver'
import type { InvalidateReason } from './engine-events'

/** Pool counters, as `engine.pool.status()` reports them. */
export interface PoolStatus {
  /** Open connections, idle or in use. */
  readonly size: number
  /** Connections lent out. */
  readonly checkedOut: number
  /** Connections open beyond `poolSize`. */
  readonly overflow: number
  /** Idle connections ready to lend. */
  readonly checkedIn: number
  /** Callers waiting for a connection. */
  readonly waiting: number
}

/** What the engine needs from a pool (the implementation lives in @athanor/pool). */
export interface ConnectionPool {
  /** Lends a connection, waiting at most `poolTimeout` ms (then `PoolTimeoutError`). */
  acquire(): Promise<DriverConnection>
  /**
   * Takes a connection back: an open transaction is rolled back first, and a connection the
   * pool should not keep (overflow, recycled, dead) is closed instead.
   */
  release(connection: DriverConnection): Promise<void>
  /** Closes a connection that must not be reused instead of taking it back. */
  invalidate(connection: DriverConnection, reason: InvalidateReason, error?: unknown): Promise<void>
  status(): PoolStatus
  /** Closes every connection; see `Engine.dispose`. */
  dispose(): Promise<void>
}
