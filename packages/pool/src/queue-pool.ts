import { type ConnectionPool, type DriverConnection, type InvalidateReason, PoolTimeoutError, type PoolStatus } from '@athanor/core'
import { Pool, TimeoutError } from 'tarn'
import { ConnectionLedger } from './connection-ledger'
import { LeakDetector } from './leak-detector'
import type { PoolOptions } from './pool-options'

type TarnPool = Pool<DriverConnection>
type PendingAcquire = ReturnType<TarnPool['acquire']>

// tarn's idle reaper (min = poolSize) is only a backstop here: overflow connections are closed
// when returned (see release()), but one whose creation finishes after its waiter was served by a
// returned connection arrives idle without ever being returned; the reaper closes it after this.
const OVERFLOW_IDLE_MS = 1_000

/**
 * SQLAlchemy's QueuePool on tarn: `poolSize` connections kept open, up to `maxOverflow` more
 * under load, callers queued by tarn for at most `poolTimeout` ms (then `PoolTimeoutError`).
 *
 * tarn queues the callers, enforces the maximum and the timeout, and validates a connection
 * before lending it. It has no way to remove one resource, so a connection the pool must drop
 * (an overflow connection returned, an invalidated one) is closed at once and handed back to
 * tarn marked unusable: tarn's `validate()` then rejects it the next time it comes up, and tarn
 * drops it (its `destroy` is a no-op for a closed connection). The cost is one event-loop turn
 * for the caller that meets such an entry; tarn lends its newest idle connection first, and an
 * overflow connection is dropped only while the pool is above `poolSize`, so live connections
 * returned later sit above the dropped entries and callers rarely meet one before they would
 * need a new connection anyway. Counts come from the ledger, not from tarn, which still counts
 * such entries until it drops them.
 */
export class QueuePool implements ConnectionPool {
  private tarn: TarnPool
  private readonly ledger: ConnectionLedger<TarnPool>
  private readonly leaks: LeakDetector
  /** Callers waiting in tarn's queue, so that dispose() can move them to the new pool. */
  private readonly waiting = new Set<PendingAcquire>()
  private readonly closing = new Set<Promise<void>>()

  constructor(private readonly options: PoolOptions) {
    this.ledger = new ConnectionLedger(options.poolRecycle)
    this.leaks = new LeakDetector(options.leakWarningMs, options.warn ?? ((message) => console.warn(message)))
    this.tarn = this.createTarn()
  }

  /** Lends a connection: an idle one (pre-pinged if asked, replaced if too old), a new one, or the next one returned. */
  async acquire(): Promise<DriverConnection> {
    const site = this.leaks.captureSite(this.acquire)
    for (;;) {
      const tarn = this.tarn
      const connection = await this.acquireFrom(tarn)
      if (connection === undefined) continue // dispose() replaced the pool while we waited
      const record = this.ledger.get(connection)
      if (record === undefined) {
        // dispose() closed it between tarn's validation and the hand-over: give tarn its slot back.
        tarn.release(connection)
        continue
      }
      this.ledger.markLent(record)
      if (record.owner !== this.tarn) {
        // Lent by a pool that dispose() has retired in the meantime.
        void this.drop(connection)
        continue
      }
      // A connection straight from open() is known to be alive: pinging it would only add a round trip.
      if (this.options.poolPrePing && record.hasBeenLent && !(await pingQuietly(connection))) {
        await this.invalidate(connection, 'prePing')
        continue
      }
      record.hasBeenLent = true
      this.leaks.watch(connection, site)
      return connection
    }
  }

  /**
   * Rolls back what the borrower left open (the driver sees the transaction however it began;
   * nothing is sent when none is open), then keeps the connection or closes it. Above `poolSize`
   * with nobody waiting, a returned connection is closed: that is how overflow shrinks back. With
   * callers waiting it goes straight to the next one, as closing it and opening another for that
   * caller would only add a connect.
   */
  async release(connection: DriverConnection): Promise<void> {
    const record = this.ledger.get(connection)
    if (record === undefined || !record.isLent) return
    this.leaks.forget(connection)
    let isAlive: boolean
    try {
      // SQLite answers synchronously: not awaiting a plain boolean saves a turn of the microtask queue per checkin.
      const reset = connection.reset()
      isAlive = typeof reset === 'boolean' ? reset : await reset
    } catch (error) {
      return this.invalidate(connection, 'resetFailed', error)
    }
    if (!isAlive) return this.invalidate(connection, 'disconnect')
    const isAboveSize = this.ledger.size > this.options.poolSize && this.tarn.numPendingAcquires() === 0
    if (record.owner !== this.tarn || !this.ledger.isReusable(record) || isAboveSize) {
      // Not awaited: the caller need not wait for the socket to close (dispose() does).
      void this.drop(connection)
      return
    }
    this.ledger.markIdle(record)
    this.tarn.release(connection)
  }

  /**
   * Closes a lent connection instead of taking it back. After a `disconnect` or a failed pre-ping
   * every connection opened so far is replaced at its next checkout (see ConnectionLedger).
   */
  async invalidate(connection: DriverConnection, reason: InvalidateReason, error?: unknown): Promise<void> {
    const record = this.ledger.get(connection)
    if (record === undefined) return
    this.leaks.forget(connection)
    if (reason === 'disconnect' || reason === 'prePing') this.ledger.expireOpenedBefore(record)
    this.options.onInvalidate?.({ connection, reason, error })
    await this.drop(connection)
  }

  /** The pool's counters, from the ledger. */
  status(): PoolStatus {
    const size = this.ledger.size
    const checkedOut = this.ledger.lentCount
    return { size, checkedOut, checkedIn: size - checkedOut, overflow: Math.max(0, size - this.options.poolSize), waiting: this.tarn.numPendingAcquires() }
  }

  /**
   * Closes the idle connections now and starts a fresh tarn pool: later checkouts open new
   * connections, callers already waiting move to the new pool, and connections still checked
   * out are closed when returned.
   */
  async dispose(): Promise<void> {
    const retired = this.tarn
    this.tarn = this.createTarn()
    for (const pending of this.waiting) pending.abort()
    for (const connection of this.ledger.idleOf(retired)) this.close(connection)
    // tarn's destroy() waits for every lent connection to come back; only await it when none is out.
    const destroying = retired.destroy()
    if (retired.numUsed() === 0) await destroying
    else destroying.catch(() => undefined)
    await Promise.all(this.closing)
  }

  private createTarn(): TarnPool {
    const tarn: TarnPool = new Pool<DriverConnection>({
      create: async () => {
        const connection = await this.options.open()
        this.ledger.add(connection, tarn)
        this.options.onConnect?.(connection)
        return connection
      },
      destroy: (connection) => this.close(connection),
      validate: (connection) => {
        const record = this.ledger.get(connection)
        return record !== undefined && record.owner === this.tarn && this.ledger.isReusable(record)
      },
      min: this.options.poolSize,
      max: this.options.poolSize + this.options.maxOverflow,
      acquireTimeoutMillis: this.options.poolTimeout,
      createTimeoutMillis: this.options.poolTimeout,
      idleTimeoutMillis: OVERFLOW_IDLE_MS,
      reapIntervalMillis: OVERFLOW_IDLE_MS,
      propagateCreateError: true,
    })
    return tarn
  }

  /** Waits in `tarn`'s queue; undefined when dispose() aborted the wait. */
  private async acquireFrom(tarn: TarnPool): Promise<DriverConnection | undefined> {
    const pending = tarn.acquire()
    this.waiting.add(pending)
    try {
      return await pending.promise
    } catch (error) {
      if (tarn !== this.tarn) return undefined
      if (error instanceof TimeoutError) throw PoolTimeoutError.afterWaiting(this.options.poolTimeout, this.status(), error)
      throw error
    } finally {
      this.waiting.delete(pending)
    }
  }

  /** Closes a connection and gives its slot back to tarn, which drops it at its next validation. */
  private drop(connection: DriverConnection): Promise<void> {
    const record = this.ledger.get(connection)
    const wasLent = record?.isLent === true
    const closing = this.close(connection)
    if (wasLent) record?.owner.release(connection)
    return closing
  }

  /** Closes a connection once (tarn's destroy may come later for one already closed); never throws. */
  private close(connection: DriverConnection): Promise<void> {
    const record = this.ledger.get(connection)
    if (record === undefined) return Promise.resolve()
    this.leaks.forget(connection)
    this.ledger.remove(connection)
    const closing = (async () => {
      try {
        await connection.close()
      } catch {
        // A connection that fails to close is gone all the same.
      }
      this.options.onClose?.(connection)
    })()
    this.closing.add(closing)
    void closing.finally(() => this.closing.delete(closing))
    return closing
  }
}

async function pingQuietly(connection: DriverConnection): Promise<boolean> {
  try {
    return await connection.ping()
  } catch {
    return false
  }
}
