import type { EntityClass } from './entity'
import { attachState, InstanceState, stateOf } from './instance-state'
import { mapperOfState } from './mapper'
import type { RelationshipLoader } from './relationship-loader'
import type { UnitOfWork } from './unit-of-work'

/** What merging needs from the session. */
export interface MergeContext {
  readonly uow: UnitOfWork
  /** `session.get`: the identity map first, then a SELECT. */
  get(entity: EntityClass, key: readonly unknown[]): Promise<object | undefined>
  loader(): Promise<RelationshipLoader>
}

/**
 * Copies an object that is not in this session (detached, transient, from another session) onto
 * the session's object with the same primary key — found in the identity map or loaded — or onto
 * a new pending object when there is none, and returns that object. Loaded relationships with
 * merge cascade are merged too. The given object is left untouched and unattached.
 *
 * ```ts
 * const attached = await mergeInstance(context, detachedUser) // session's own User #1, with detachedUser's values
 * ```
 */
export async function mergeInstance(context: MergeContext, instance: object, merged: Map<object, object> = new Map()): Promise<object> {
  const done = merged.get(instance)
  if (done !== undefined) return done
  const source = stateOf(instance)
  if (source.session === context.uow) return instance
  const mapper = mapperOfState(source)
  const key = mapper.primaryKeyKeys.map((column) => source.values[column])
  const hasKey = key.every((value) => value !== null && value !== undefined)
  let target = hasKey ? await context.get(mapper.entity, key) : undefined
  if (target === undefined) {
    target = Object.create(mapper.entity.prototype as object) as object
    attachState(target, new InstanceState(target, {}))
  }
  merged.set(instance, target)
  const targetState = stateOf(target)
  for (const column of mapper.columns) {
    if (source.expired?.has(column.key)) continue
    const value = source.values[column.key]
    if (value !== undefined) (target as Record<string, unknown>)[column.key] = value
  }
  if (targetState.session !== context.uow) context.uow.add(target)
  for (const property of mapper.relationships) {
    if (!property.cascade.merge || !source.related.has(property.key)) continue
    const value = source.related.get(property.key)
    if (targetState.identity !== undefined && !targetState.related.has(property.key)) await (await context.loader()).load([targetState], property)
    ;(target as Record<string, unknown>)[property.key] = await mergeValue(context, value, merged)
  }
  return target
}

async function mergeValue(context: MergeContext, value: unknown, merged: Map<object, object>): Promise<unknown> {
  if (value === null || value === undefined) return null
  if (!Array.isArray(value)) return mergeInstance(context, value as object, merged)
  const items: object[] = []
  for (const item of value as object[]) items.push(await mergeInstance(context, item, merged))
  return items
}
