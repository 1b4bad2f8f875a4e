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

/** Engine events and the argument each listener receives. */
export interface EngineEventMap {
  /** A new database connection was opened. */
  connect: DriverConnection
  /** A connection was lent out of the pool. */
  checkout: DriverConnection
  /** A connection was given back to the pool. */
  checkin: DriverConnection
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
