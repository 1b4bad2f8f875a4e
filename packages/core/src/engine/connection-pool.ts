import type { DriverConnection } from './driver'

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
  acquire(): Promise<DriverConnection>
  /** Returns a healthy connection for reuse. */
  release(connection: DriverConnection): void
  /** Discards a broken connection instead of returning it. */
  invalidate(connection: DriverConnection): Promise<void>
  status(): PoolStatus
  /** Closes every connection. */
  dispose(): Promise<void>
}
