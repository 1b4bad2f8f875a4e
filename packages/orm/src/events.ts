import { ArgumentError, type Connection } from '@athanor/core'
import type { EntityClass } from './entity'

/** The unit-of-work events of a mapped class, fired by each flush. */
export type MapperEventName = 'beforeInsert' | 'afterInsert' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete'

const MAPPER_EVENTS: ReadonlySet<string> = new Set(['beforeInsert', 'afterInsert', 'beforeUpdate', 'afterUpdate', 'beforeDelete', 'afterDelete'])

/** What a mapper event listener gets besides the object: the flush's connection (its transaction). */
export interface MapperEventContext {
  readonly event: MapperEventName
  readonly connection: Connection
}

/** A mapper event listener; a before-listener may change the object, and the flush writes the change. */
export type MapperListener<T> = (instance: T, context: MapperEventContext) => void | Promise<void>

/** An attribute `set` listener: returns the value to store (e.g. a normalised email). */
export type SetListener<T, V> = (instance: T, value: V, previous: V | undefined) => V

type AnyListener = (...args: never[]) => unknown

// Listeners by class, then by event name (`set:<attribute>` for attribute events).
const registry = new WeakMap<object, Map<string, AnyListener[]>>()
let setListenerCount = 0
// Mapper event listeners registered (any class): none means a flush need not look for them per object.
let mapperListenerCount = 0

/**
 * Listens to a mapped class's flush events or to writes of one of its attributes (subclasses
 * included). Returns a function that removes the listener. Order within one flush:
 * beforeInsert / beforeUpdate for every saved object (in the flush's dependency order), then
 * beforeDelete, then the statements, then afterInsert / afterUpdate and afterDelete in the same
 * order. A before-listener may change the object; an error thrown by any listener fails the
 * flush (a before-listener's before anything is written).
 *
 * ```ts
 * listen(User, "beforeInsert", (user) => { user.slug = slugify(user.name) })
 * listen(User, "set", "email", (user, value) => value.toLowerCase())
 * ```
 */
export function listen<T extends object>(entity: EntityClass<T>, event: MapperEventName, listener: MapperListener<T>): () => void
export function listen<T extends object, K extends keyof T & string>(entity: EntityClass<T>, event: 'set', attribute: K, listener: SetListener<T, T[K]>): () => void
export function listen(entity: EntityClass, event: string, ...rest: unknown[]): () => void {
  let name: string
  let listener: AnyListener
  if (event === 'set') {
    if (typeof rest[0] !== 'string' || typeof rest[1] !== 'function') throw new ArgumentError(`listen(${entity.name}, "set", attribute, listener): name the attribute, then give the listener.`)
    // `c` has the columns of every table of a joined-table subclass (`Manager.c.name`, `Manager.c.budget`).
    const columns: object = (entity as { readonly c?: object }).c ?? entity.table.c
    if (!Object.prototype.hasOwnProperty.call(columns, rest[0])) throw new ArgumentError(`listen(${entity.name}, "set"): "${rest[0]}" is not a column of ${entity.table.name}.`)
    name = `set:${rest[0]}`
    listener = rest[1] as AnyListener
    setListenerCount++
  } else {
    if (!MAPPER_EVENTS.has(event)) throw new ArgumentError(`listen(${entity.name}, "${event}"): unknown event; use one of ${[...MAPPER_EVENTS].join(', ')} or "set".`)
    if (typeof rest[0] !== 'function') throw new ArgumentError(`listen(${entity.name}, "${event}", listener): the listener must be a function.`)
    name = event
    listener = rest[0] as AnyListener
    mapperListenerCount++
  }
  let byEvent = registry.get(entity)
  if (byEvent === undefined) registry.set(entity, (byEvent = new Map()))
  const list = byEvent.get(name) ?? []
  byEvent.set(name, [...list, listener])
  return () => {
    const current = byEvent.get(name) ?? []
    if (!current.includes(listener)) return
    byEvent.set(name, current.filter((each) => each !== listener))
    if (event === 'set') setListenerCount--
    else mapperListenerCount--
  }
}

function listenersOf(instance: object, name: string): AnyListener[] {
  const found: AnyListener[] = []
  // The class and its superclasses: a listener on a base class hears its subclasses' objects.
  for (let entity: unknown = instance.constructor; typeof entity === 'function' && entity !== Function.prototype; entity = Object.getPrototypeOf(entity)) {
    const list = registry.get(entity as object)?.get(name)
    if (list !== undefined) found.unshift(...list)
  }
  return found
}

/** Runs the `set` listeners of an attribute, in order, each getting the previous one's result. */
export function transformSetValue(instance: object, key: string, value: unknown, previous: unknown): unknown {
  if (setListenerCount === 0) return value
  let result = value
  for (const listener of listenersOf(instance, `set:${key}`)) result = (listener as unknown as SetListener<object, unknown>)(instance, result, previous)
  return result
}

/** True when some class has a mapper event listener (beforeInsert, afterUpdate, …). */
export function hasMapperListeners(): boolean {
  return mapperListenerCount > 0
}

/** Runs one mapper event's listeners for an object, awaiting each in turn. */
export async function fireMapperEvent(instance: object, event: MapperEventName, connection: Connection): Promise<void> {
  const listeners = listenersOf(instance, event)
  if (listeners.length === 0) return
  const context: MapperEventContext = { event, connection }
  for (const listener of listeners) await (listener as unknown as MapperListener<object>)(instance, context)
}
