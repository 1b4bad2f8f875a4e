import { ArgumentError } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { NotLoadedError } from './errors/not-loaded-error'
import { type InstanceState, stateOf } from './instance-state'
import { createCollection, findManyToOne, loadedCollection, relatedAdded, relatedRemoved, setScalar } from './relationship-events'
import type { RelationshipProperty } from './relationship-property'

/**
 * Defines the relationship attributes (`user.posts`, `post.author`) on a mapped class's prototype.
 * Reading one that is not loaded throws `NotLoadedError`: loading is an explicit `await`.
 */
export function installRelationshipAccessors(prototype: object, mapper: EntityMapper, keys: readonly string[]): void {
  for (const key of keys) {
    const propertyOf = (): RelationshipProperty => mapper.relationship(key) as RelationshipProperty
    Object.defineProperty(prototype, key, {
      configurable: true,
      enumerable: false,
      get(this: object) {
        return readRelationship(stateOf(this), propertyOf())
      },
      set(this: object, value: unknown) {
        writeRelationship(stateOf(this), propertyOf(), value)
      },
    })
  }
}

/** The value of a relationship attribute, from memory only. */
export function readRelationship(state: InstanceState, property: RelationshipProperty): unknown {
  const value = state.related.get(property.key)
  if (value !== undefined) return value
  if (property.isList) {
    const created = loadedCollection(state, property)
    if (created !== undefined) return created
  } else {
    const found = findManyToOne(state, property)
    if (found !== undefined) return found
  }
  if (state.raiseOnRead?.has(property.key)) throw NotLoadedError.forRaiseload(property.parent.className, property.key)
  throw NotLoadedError.forRelationship(property.parent.className, property.key)
}

/** Assigns a relationship attribute: an array for a collection, an object or null otherwise. */
export function writeRelationship(state: InstanceState, property: RelationshipProperty, value: unknown): void {
  if (!property.isList) {
    if (value !== null && typeof value !== 'object') throw new ArgumentError(`${property.name} takes a ${property.target.className} or null.`)
    // Replacing a one-to-one child needs the old child (to un-link or orphan it).
    if (property.direction !== 'manyToOne' && state.identity !== undefined && !state.related.has(property.key)) {
      throw NotLoadedError.forRelationship(property.parent.className, property.key)
    }
    setScalar(state, property, value as object | null, undefined)
    return
  }
  if (!Array.isArray(value)) throw new ArgumentError(`${property.name} takes an array of ${property.target.className}.`)
  const old = state.related.get(property.key) as object[] | undefined
  if (old === value) return
  // Without the old members there is no telling which ones left the collection.
  if (old === undefined && state.identity !== undefined) throw NotLoadedError.forRelationship(property.parent.className, property.key)
  const next = createCollection(state, property, withoutDuplicates(value as object[]))
  state.related.set(property.key, next)
  for (const item of old ?? []) if (!next.includes(item)) relatedRemoved(state, property, item, undefined)
  for (const item of next) if (old === undefined || !old.includes(item)) relatedAdded(state, property, item, undefined)
}

// The array itself when it has no repeats (the usual case, checked without a Set when short).
function withoutDuplicates(items: object[]): Iterable<object> {
  if (items.length > 16) return new Set(items)
  for (let index = 1; index < items.length; index++) if (items.lastIndexOf(items[index], index - 1) !== -1) return new Set(items)
  return items
}
