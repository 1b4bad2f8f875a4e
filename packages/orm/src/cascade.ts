import type { CascadeOptions } from './cascade-options'
import { findState, type InstanceState } from './instance-state'
import { mapperOfState } from './mapper'

/**
 * The objects reachable from `roots` through loaded relationships whose cascade includes
 * `option`, roots first, each once. Unloaded relationships are not followed (nothing is loaded
 * here); `includeRemoved` also follows objects removed since the last flush, which save-update
 * needs so that their foreign keys are un-linked.
 *
 * ```ts
 * cascadeReach([stateOf(user)], "expunge", false) // user, its posts, their comments…
 * ```
 */
export function cascadeReach(roots: Iterable<InstanceState>, option: keyof CascadeOptions, includeRemoved: boolean): InstanceState[] {
  const seen = new Set<InstanceState>()
  const order: InstanceState[] = []
  const stack = [...roots].reverse()
  while (stack.length > 0) {
    const state = stack.pop() as InstanceState
    if (seen.has(state)) continue
    seen.add(state)
    order.push(state)
    // Pushed last-first so that related objects are visited (and inserted) in collection order.
    const related = relatedThrough(state, option, includeRemoved)
    for (let index = related.length - 1; index >= 0; index--) {
      const next = findState(related[index])
      if (next !== undefined && !seen.has(next)) stack.push(next)
    }
  }
  return order
}

/** The related objects one cascade step from `state` reaches. */
export function relatedThrough(state: InstanceState, option: keyof CascadeOptions, includeRemoved: boolean): object[] {
  const found: object[] = []
  if (state.related.size === 0 && state.history === undefined) return found
  for (const property of mapperOfState(state).relationships) {
    if (!property.cascade[option]) continue
    const value = state.related.get(property.key)
    if (Array.isArray(value)) found.push(...value)
    else if (value !== null && value !== undefined) found.push(value as object)
    if (includeRemoved) {
      const removed = state.history?.get(property.key)?.removed
      if (removed !== undefined) found.push(...removed)
    }
  }
  return found
}
