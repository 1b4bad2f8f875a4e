import type { IdentityKey } from './identity-key'
import type { InstanceState } from './instance-state'

/**
 * One object per row per session: the session's persistent objects by identity key (table and
 * primary key, composite keys included). Holds them strongly; a session is meant to be short-lived
 * (close it, or expunge objects you no longer need).
 */
export class IdentityMap {
  private readonly states = new Map<IdentityKey, InstanceState>()

  get size(): number {
    return this.states.size
  }

  get(key: IdentityKey): InstanceState | undefined {
    return this.states.get(key)
  }

  /** Adds a state under its identity; the caller checks that no other object holds it. */
  add(state: InstanceState): void {
    this.states.set(state.identity as IdentityKey, state)
  }

  /** Removes a state, if it is the one held under its identity. */
  remove(state: InstanceState): void {
    if (state.identity !== undefined && this.states.get(state.identity) === state) this.states.delete(state.identity)
  }

  /** Moves a state to a new identity (its primary key was changed and flushed). */
  rekey(state: InstanceState, previous: IdentityKey): void {
    if (this.states.get(previous) === state) this.states.delete(previous)
    this.add(state)
  }

  values(): IterableIterator<InstanceState> {
    return this.states.values()
  }

  clear(): void {
    this.states.clear()
  }
}
