import type { DriverConnection, DriverResult, InvalidateEvent } from '@athanor/core'
import type { PoolOptions } from '../../src/pool-options'

/** An in-memory DriverConnection that records what the pool did to it. */
export class FakeConnection implements DriverConnection {
  isAlive = true
  isInTransaction = false
  pings = 0
  rollbacks = 0
  closes = 0
  /** Makes reset() throw, as a rollback on a broken connection would. */
  failsReset = false

  constructor(readonly serverConnectionId: number) {}

  execute(): DriverResult {
    return { rows: [], rowCount: 0 }
  }

  // The pool never streams; present because every DriverConnection can.
  async *stream(): AsyncGenerator<readonly unknown[], void, undefined> {}

  ping(): boolean {
    this.pings++
    return this.isAlive
  }

  async reset(): Promise<boolean> {
    if (this.failsReset) throw new Error('rollback failed')
    if (!this.isAlive) return false
    if (this.isInTransaction) {
      this.rollbacks++
      this.isInTransaction = false
    }
    return true
  }

  close(): void {
    this.closes++
    this.isAlive = false
  }
}

/** Pool options over fake connections, with every event recorded in `log`. */
export function fakePoolOptions(overrides: Partial<PoolOptions> = {}): {
  readonly options: PoolOptions
  readonly opened: FakeConnection[]
  readonly log: string[]
  readonly invalidations: InvalidateEvent[]
} {
  const opened: FakeConnection[] = []
  const log: string[] = []
  const invalidations: InvalidateEvent[] = []
  const idOf = (connection: DriverConnection): number | undefined => connection.serverConnectionId
  const options: PoolOptions = {
    open: async () => {
      const connection = new FakeConnection(opened.length + 1)
      opened.push(connection)
      return connection
    },
    poolSize: 2,
    maxOverflow: 2,
    poolTimeout: 1_000,
    poolRecycle: 0,
    poolPrePing: false,
    onConnect: (connection) => log.push(`connect ${idOf(connection)}`),
    onClose: (connection) => log.push(`close ${idOf(connection)}`),
    onInvalidate: (event) => {
      invalidations.push(event)
      log.push(`invalidate ${idOf(event.connection)} ${event.reason}`)
    },
    ...overrides,
  }
  return { options, opened, log, invalidations }
}

/** Lets pending promise callbacks and timers of 0 ms run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5))
}
