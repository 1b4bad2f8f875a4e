import type { DriverConnection } from './driver'

/** Passed to `beforeExecute` and `afterExecute` listeners. */
export interface ExecuteEvent {
  readonly sql: string
  readonly params: readonly unknown[]
}

/** Passed to `afterExecute` listeners. */
export interface AfterExecuteEvent extends ExecuteEvent {
  readonly rowCount: number
  readonly durationMs: number
}

/**
 * Why a connection was invalidated: `requested` by `connection.invalidate()`, a `disconnect`
 * error (or the driver saw it die), a failed `prePing` at checkout, or a rollback at checkin
 * that failed (`resetFailed`).
 */
export type InvalidateReason = 'requested' | 'disconnect' | 'prePing' | 'resetFailed'

/** Passed to `invalidate` listeners. */
export interface InvalidateEvent {
  readonly connection: DriverConnection
  readonly reason: InvalidateReason
  /** The error that revealed it, when there was one. */
  readonly error: unknown
}

/** Engine events and the argument each listener receives. */
export interface EngineEventMap {
  /** A new database connection was opened. */
  connect: DriverConnection
  /** A connection was lent out of the pool. */
  checkout: DriverConnection
  /** A connection was given back to the pool. */
  checkin: DriverConnection
  /** A connection was found unusable and is being discarded; `close` follows. */
  invalidate: InvalidateEvent
  /** A database connection was closed (overflow returned, recycled, invalidated, disposed). */
  close: DriverConnection
  beforeExecute: ExecuteEvent
  afterExecute: AfterExecuteEvent
}

export type EngineEventName = keyof EngineEventMap
export type EngineListener<E extends EngineEventName> = (event: EngineEventMap[E]) => void

/** Listener lists per event; emitting with no listener costs one length check. */
export class EngineEvents {
  private readonly listeners: { [E in EngineEventName]: EngineListener<E>[] } = {
    connect: [],
    checkout: [],
    checkin: [],
    invalidate: [],
    close: [],
    beforeExecute: [],
    afterExecute: [],
  }

  /** Registers a listener; returns a function that removes it. */
  on<E extends EngineEventName>(event: E, listener: EngineListener<E>): () => void {
    const list = this.listeners[event] as EngineListener<E>[]
    list.push(listener)
    return () => {
      const index = list.indexOf(listener)
      if (index >= 0) list.splice(index, 1)
    }
  }

  has(event: EngineEventName): boolean {
    return this.listeners[event].length > 0
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEventMap[E]): void {
    const list = this.listeners[event] as EngineListener<E>[]
    for (let index = 0; index < list.length; index++) list[index](payload)
  }
}
