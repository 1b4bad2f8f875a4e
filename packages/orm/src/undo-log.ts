import type { InstanceState } from './instance-state'

/**
 * The column values a flush writes into objects as it goes (generated keys, foreign keys copied
 * from parents, client defaults), with what they were before: a failed flush puts them all back,
 * so the objects are exactly as they were when flush() was called.
 */
export class UndoLog {
  private readonly entries: { readonly state: InstanceState; readonly key: string; readonly previous: unknown }[] = []

  /** Sets a column value without recording it as a change (the flush writes it to the database itself). */
  write(state: InstanceState, key: string, value: unknown): void {
    this.entries.push({ state, key, previous: state.values[key] })
    state.values[key] = value
  }

  /** Restores every written value, newest first. */
  revert(): void {
    for (let index = this.entries.length - 1; index >= 0; index--) {
      const { state, key, previous } = this.entries[index]
      state.values[key] = previous
    }
    this.entries.length = 0
  }
}
