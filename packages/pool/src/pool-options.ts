import type { DriverConnection } from '@athanor/core'

/** What a pool needs: how to open and close connections, and how to size itself. */
export interface PoolOptions {
  /** Opens a new database connection. */
  readonly open: () => Promise<DriverConnection>
  /** Connections kept open. */
  readonly poolSize: number
  /** Extra connections allowed under load; closed once idle. */
  readonly maxOverflow: number
  /** Milliseconds to wait for a connection before `PoolTimeoutError`. */
  readonly poolTimeout: number
  /** Milliseconds after which a connection is replaced at checkout (0 = never). */
  readonly poolRecycle: number
  /** Ping a connection before lending it; a dead one is replaced. */
  readonly poolPrePing: boolean
  /** Called with each newly opened connection. */
  readonly onConnect?: (connection: DriverConnection) => void
}
