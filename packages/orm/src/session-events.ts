import { ArgumentError } from '@athanor/core'

/** The events of a Session, in the order one `commit()` fires them: beforeCommit, beforeFlush, afterFlush, afterCommit. */
export type SessionEventName = 'beforeFlush' | 'afterFlush' | 'beforeCommit' | 'afterCommit' | 'afterRollback'

const SESSION_EVENTS: ReadonlySet<string> = new Set(['beforeFlush', 'afterFlush', 'beforeCommit', 'afterCommit', 'afterRollback'])

/** A session event listener; it gets the session (typed by the caller). */
export type SessionListener<S> = (session: S) => void | Promise<void>

/**
 * The listeners of one session, by event. Listeners run in registration order and are awaited;
 * one that throws fails the operation (a beforeFlush/beforeCommit listener before anything is written).
 *
 * ```ts
 * const events = new SessionEvents<Session>(); events.on("afterCommit", (session) => …); await events.emit("afterCommit", session)
 * ```
 */
export class SessionEvents<S> {
  private readonly listeners = new Map<SessionEventName, SessionListener<S>[]>()

  on(event: SessionEventName, listener: SessionListener<S>): () => void {
    if (!SESSION_EVENTS.has(event)) throw new ArgumentError(`session.on("${event}"): unknown event; use one of ${[...SESSION_EVENTS].join(', ')}.`)
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return () => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((each) => each !== listener))
    }
  }

  async emit(event: SessionEventName, session: S): Promise<void> {
    for (const listener of this.listeners.get(event) ?? []) await listener(session)
  }
}
