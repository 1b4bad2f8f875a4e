import { Connection, type Engine } from '@athanor/core'

/** A SAVEPOINT held open on a caller's connection for as long as the session's transaction lasts. */
interface HeldSavepoint {
  end(commit: boolean): Promise<void>
}

const ROLLED_BACK = Symbol('athanor.sessionRolledBack')

/**
 * The database side of a session: its connection and transaction.
 *
 * - Given an engine, the session owns its connection: it checks one out on first use, and
 *   `commit()` / `rollback()` end the transaction and give the connection back to the pool.
 * - Given a connection, the session joins the caller's transaction: its own transaction is a
 *   SAVEPOINT, released by `commit()` and rolled back to by `rollback()`. The caller's
 *   transaction is never committed or rolled back by the session (a test can wrap a whole
 *   session in a transaction and roll it back).
 */
export class SessionTransaction {
  private owned: Connection | undefined
  private held: HeldSavepoint | undefined
  private nestedDepth = 0
  /** True once this transaction holds written data, so that a failed flush must not roll all of it back. */
  hasWrites = false

  constructor(private readonly bind: Engine | Connection) {}

  /** True while a transaction (or the joined SAVEPOINT) is open. */
  get isActive(): boolean {
    return this.owned !== undefined || this.held !== undefined
  }

  /**
   * Whether a flush needs its own SAVEPOINT: to undo only itself when it fails, once the
   * transaction holds other writes, or inside `beginNested`. The first flush of a transaction
   * needs none: rolling back the whole transaction loses nothing else.
   */
  get needsFlushSavepoint(): boolean {
    return this.hasWrites || this.nestedDepth > 0
  }

  /** The connection, beginning the session's transaction on first use. */
  async connection(): Promise<Connection> {
    if (this.bind instanceof Connection) {
      this.held ??= await holdSavepoint(this.bind)
      return this.bind
    }
    this.owned ??= await this.bind.connect()
    return this.owned
  }

  /** Runs `work` in a SAVEPOINT: released when it resolves, rolled back to when it throws. */
  async nested<T>(work: () => Promise<T>): Promise<T> {
    const connection = await this.connection()
    this.nestedDepth += 1
    try {
      return await connection.beginNested(() => work())
    } finally {
      this.nestedDepth -= 1
    }
  }

  /** Commits (owned connection) or releases the joined SAVEPOINT. */
  async commit(): Promise<void> {
    await this.end(true)
  }

  /** Rolls back (owned connection) or rolls back to the joined SAVEPOINT. */
  async rollback(): Promise<void> {
    await this.end(false)
  }

  private async end(commit: boolean): Promise<void> {
    this.hasWrites = false
    const { owned, held } = this
    this.owned = undefined
    this.held = undefined
    if (held !== undefined) await held.end(commit)
    if (owned === undefined) return
    try {
      if (commit) await owned.commit()
      else await owned.rollback()
    } finally {
      await owned.close()
    }
  }
}

// Core's beginNested ties a SAVEPOINT to a callback; the session's transaction outlives any one
// call, so the callback waits for commit() or rollback() to say how it ends.
async function holdSavepoint(connection: Connection): Promise<HeldSavepoint> {
  let finish: (commit: boolean) => void = () => undefined
  const outcome = new Promise<boolean>((resolve) => {
    finish = resolve
  })
  let markStarted: () => void = () => undefined
  const started = new Promise<void>((resolve) => {
    markStarted = resolve
  })
  const done = connection
    .beginNested(async () => {
      markStarted()
      if (!(await outcome)) throw ROLLED_BACK
    })
    .catch((error: unknown) => {
      if (error !== ROLLED_BACK) throw error
    })
  await Promise.race([started, done])
  return {
    end: async (commit) => {
      finish(commit)
      await done
    },
  }
}
