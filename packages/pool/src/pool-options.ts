import type { DriverConnection, InvalidateEvent } from '@athanor/core'

/** What a pool needs: how to open connections, how to size itself, and whom to tell what happens. */
export interface PoolOptions {
  /** Opens a new database connection. */
  readonly open: () => Promise<DriverConnection>
  /** Connections kept open. */
  readonly poolSize: number
  /** Extra connections allowed under load; closed when returned while the pool is above `poolSize`. */
  readonly maxOverflow: number
  /** Milliseconds to wait for a connection before `PoolTimeoutError`. */
  readonly poolTimeout: number
  /** Milliseconds after which a connection is replaced at checkout (0 = never). */
  readonly poolRecycle: number
  /** Ping a connection before lending it; a dead one is replaced. */
  readonly poolPrePing: boolean
  /** Warn about a connection checked out longer than this many ms (undefined = never). */
  readonly leakWarningMs?: number
  /** Where warnings go; defaults to console.warn. */
  readonly warn?: (message: string) => void
  /** Called with each newly opened connection. */
  readonly onConnect?: (connection: DriverConnection) => void
  /** Called when a connection is found unusable, before it is closed. */
  readonly onInvalidate?: (event: InvalidateEvent) => void
  /** Called once a connection has been closed. */
  readonly onClose?: (connection: DriverConnection) => void
}
