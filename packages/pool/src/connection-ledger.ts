import type { DriverConnection } from '@athanor/core'

/** What the pool knows about one open connection. */
export interface ConnectionRecord<Owner> {
  /** Opening order: connections opened before the ledger's `oldestValidSerial` are replaced at checkout. */
  readonly serial: number
  /** `performance.now()` when opened, for `poolRecycle`. */
  readonly openedAt: number
  /** The tarn pool that holds it (dispose() starts a new one). */
  readonly owner: Owner
  /** Handed to a caller (from tarn's resolve until it is returned or closed). */
  isLent: boolean
  /** False until first lent: a connection straight from `open()` needs no pre-ping. */
  hasBeenLent: boolean
}

/**
 * The pool's own account of its open connections: which are lent, how old they are, and which
 * must be replaced. tarn counts its resources too, but some of them are closed connections waiting
 * for tarn to drop them (see QueuePool), so the counts `status()` reports come from here.
 */
export class ConnectionLedger<Owner> {
  private readonly records = new Map<DriverConnection, ConnectionRecord<Owner>>()
  private openedCount = 0
  private oldestValidSerial = 1
  private lent = 0

  constructor(private readonly recycleMs: number) {}

  /** Open connections, idle or lent. */
  get size(): number {
    return this.records.size
  }

  /** Connections lent out. */
  get lentCount(): number {
    return this.lent
  }

  /** The record of an open connection; undefined once it is closed (or was never ours). */
  get(connection: DriverConnection): ConnectionRecord<Owner> | undefined {
    return this.records.get(connection)
  }

  /** Records a newly opened connection, idle. */
  add(connection: DriverConnection, owner: Owner): ConnectionRecord<Owner> {
    const record: ConnectionRecord<Owner> = { serial: ++this.openedCount, openedAt: performance.now(), owner, isLent: false, hasBeenLent: false }
    this.records.set(connection, record)
    return record
  }

  /** The connection was handed to a caller. */
  markLent(record: ConnectionRecord<Owner>): void {
    if (record.isLent) return
    record.isLent = true
    this.lent++
  }

  /** The connection is back in the pool, ready to lend. */
  markIdle(record: ConnectionRecord<Owner>): void {
    if (!record.isLent) return
    record.isLent = false
    this.lent--
  }

  /** Forgets a connection being closed; false when it was already forgotten. */
  remove(connection: DriverConnection): boolean {
    const record = this.records.get(connection)
    if (record === undefined) return false
    this.markIdle(record)
    this.records.delete(connection)
    return true
  }

  /** Not too old and not from before a disconnect: it may be lent again. */
  isReusable(record: ConnectionRecord<Owner>): boolean {
    if (record.serial < this.oldestValidSerial) return false
    return this.recycleMs <= 0 || performance.now() - record.openedAt < this.recycleMs
  }

  /**
   * A disconnect on `record`'s connection suggests the server dropped every connection (restart,
   * failover), so all opened before it are replaced at checkout instead of failing one caller each.
   * As in SQLAlchemy, a connection already older than the last such mark changes nothing: a stale
   * connection's failure says nothing about the fresh ones.
   */
  expireOpenedBefore(record: ConnectionRecord<Owner>): void {
    if (record.serial < this.oldestValidSerial) return
    this.oldestValidSerial = this.openedCount + 1
  }

  /** The idle connections held by `owner`. */
  idleOf(owner: Owner): DriverConnection[] {
    const idle: DriverConnection[] = []
    for (const [connection, record] of this.records) if (record.owner === owner && !record.isLent) idle.push(connection)
    return idle
  }
}
