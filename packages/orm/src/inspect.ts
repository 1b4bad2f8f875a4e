import { ArgumentError } from '@athanor/core'
import { type InstanceStatus, stateOf } from './instance-state'
import { mapperOfState } from './mapper'

/** What `inspect(obj)` tells about a mapped object. */
export interface InstanceInfo {
  readonly status: InstanceStatus
  /** Columns changed since load or flush. */
  readonly modifiedColumns: readonly string[]
  /** Columns whose value was expired and must be reloaded. */
  readonly expiredColumns: readonly string[]
  /** Relationships in memory. */
  readonly loadedRelationships: readonly string[]
  /** The primary key values, once the object has a row. */
  readonly identity: readonly unknown[] | undefined
}

/**
 * The ORM's view of an object: its life-cycle status, changed and expired columns, loaded
 * relationships.
 *
 * ```ts
 * inspect(user).status // "pending"
 * ```
 */
export function inspect(instance: object): InstanceInfo {
  const state = stateOf(instance)
  const mapper = mapperOfState(state)
  return {
    status: state.status,
    modifiedColumns: [...(state.original?.keys() ?? [])],
    expiredColumns: [...(state.expired ?? [])],
    loadedRelationships: [...state.related.keys()],
    identity: state.identity === undefined ? undefined : mapper.primaryKeyKeys.map((key) => state.values[key]),
  }
}

/**
 * Marks a column as changed when its value was mutated in place (a JSON object or array), which
 * the attribute cannot see: the next flush writes it.
 *
 * ```ts
 * post.meta.tags.push("sql"); flagModified(post, "meta")
 * ```
 */
export function flagModified<T extends object>(instance: T, column: keyof T & string): void {
  const state = stateOf(instance)
  if (!mapperOfState(state).columnByKey.has(column)) throw new ArgumentError(`flagModified(): "${column}" is not a column of ${instance.constructor.name}.`)
  state.flagModified(column)
}
