import { ArgumentError } from '@athanor/core'
import { type CollectionListener, pushSilently, removeSilently, TrackedCollection } from './collection'
import { identityKeyOf } from './identity-key'
import { type InstanceState, stateOf } from './instance-state'
import type { RelationshipProperty } from './relationship-property'

/** Where an echoed change came from: the partner relationship and the object on that side. */
export type Initiator = { readonly property: RelationshipProperty; readonly owner: object } | undefined

/**
 * What happens in memory when an object joins or leaves a relationship: the change is recorded
 * for the flush, the session learns of it (save-update cascade, delete-orphan candidates), and the
 * backPopulates partner on the other object is updated to match.
 *
 * `initiator` is set when the change is itself the partner's echo: the relationship and object it
 * came from, which the echo must not bounce back to (other objects, such as a previous parent,
 * are still updated).
 */
export function relatedAdded(state: InstanceState, property: RelationshipProperty, item: object, initiator: Initiator): void {
  checkTarget(property, item)
  state.recordAdded(property.key, item)
  const session = state.session
  if (session !== undefined) {
    session.markModified(state)
    if (property.cascade.saveUpdate) session.cascadeSave(item)
  }
  const partner = property.partner
  if (partner !== undefined && !isEchoOf(initiator, partner, item)) attach(stateOf(item), partner, state.instance, { property, owner: state.instance })
}

/** The counterpart of `relatedAdded` for an object leaving a relationship. */
export function relatedRemoved(state: InstanceState, property: RelationshipProperty, item: object, initiator: Initiator): void {
  state.recordRemoved(property.key, item)
  const itemState = stateOf(item)
  const session = state.session
  if (session !== undefined) {
    session.markModified(state)
    if (property.cascade.deleteOrphan) session.markOrphanCandidate(itemState, property, state)
  }
  const partner = property.partner
  if (partner !== undefined && !isEchoOf(initiator, partner, item)) detach(itemState, partner, state.instance, { property, owner: state.instance })
}

/** Sets a scalar relationship (many-to-one, one-to-one), reporting the old and the new object. */
export function setScalar(state: InstanceState, property: RelationshipProperty, value: object | null, initiator: Initiator): void {
  const old = state.related.has(property.key) ? (state.related.get(property.key) as object | null) : findManyToOne(state, property)
  state.related.set(property.key, value)
  if (old === value) return
  if (old !== null && old !== undefined) relatedRemoved(state, property, old, initiator)
  if (value !== null) relatedAdded(state, property, value, initiator)
}

/** A tracked array for a relationship attribute, holding `items` (not reported as additions). */
export function createCollection(state: InstanceState, property: RelationshipProperty, items: Iterable<object>): TrackedCollection<object> {
  return TrackedCollection.withItems(items, new RelationshipListener(state, property))
}

/**
 * The value of an unloaded many-to-one, when memory alone can tell: null when the foreign key is
 * null, or the object in the session's identity map. Undefined when it would take a query.
 */
export function findManyToOne(state: InstanceState, property: RelationshipProperty): object | null | undefined {
  if (property.direction !== 'manyToOne') return state.identity === undefined ? null : undefined
  // Read in place (this runs for every echo of a new object's collection): no array of values.
  let hasUnset = false
  let hasNull = false
  for (const pair of property.pairs) {
    const value = state.values[pair.referencing.key]
    if (value === undefined) hasUnset = true
    else if (value === null) hasNull = true
  }
  // An unset key on a new object means "no parent yet"; on a loaded object, an expired column.
  if (hasUnset) return state.identity === undefined ? null : undefined
  if (hasNull) return null
  if (property.keyColumns === undefined || state.session === undefined) return undefined
  const key = identityKeyOf(property.target.tableKey, property.keyColumns.map((column) => state.values[column.key]))
  const found = key === undefined ? undefined : state.session.lookupIdentity(key)
  return found === undefined || found.isDeleted ? undefined : found.instance
}

/** The loaded collection of a relationship, made (empty) for an object that has no row yet. */
export function loadedCollection(state: InstanceState, property: RelationshipProperty): TrackedCollection<object> | undefined {
  const current = state.related.get(property.key) as TrackedCollection<object> | undefined
  if (current !== undefined || state.identity !== undefined) return current
  const created = createCollection(state, property, [])
  state.related.set(property.key, created)
  return created
}

// The partner's echo: `post.author = user` puts post into user.posts (if loaded), and the reverse.
function attach(itemState: InstanceState, partner: RelationshipProperty, owner: object, initiator: Initiator): void {
  if (!partner.isList) {
    setScalar(itemState, partner, owner, initiator)
    return
  }
  const collection = loadedCollection(itemState, partner)
  if (collection === undefined || collection.includes(owner)) return
  pushSilently(collection, owner)
  relatedAdded(itemState, partner, owner, initiator)
}

function detach(itemState: InstanceState, partner: RelationshipProperty, owner: object, initiator: Initiator): void {
  if (!partner.isList) {
    const current = itemState.related.has(partner.key) ? itemState.related.get(partner.key) : findManyToOne(itemState, partner)
    if (current === owner) setScalar(itemState, partner, null, initiator)
    return
  }
  const collection = itemState.related.get(partner.key) as TrackedCollection<object> | undefined
  if (collection === undefined || !collection.includes(owner)) return
  removeSilently(collection, owner)
  relatedRemoved(itemState, partner, owner, initiator)
}

function isEchoOf(initiator: Initiator, partner: RelationshipProperty, item: object): boolean {
  return initiator !== undefined && initiator.property === partner && initiator.owner === item
}

function checkTarget(property: RelationshipProperty, item: object): void {
  if (!(item instanceof (property.target.entity as unknown as abstract new () => object))) {
    const actual = (item as { constructor?: { name?: string } }).constructor?.name ?? typeof item
    throw new ArgumentError(`${property.name} holds ${property.target.className} objects, not ${actual}.`)
  }
}

class RelationshipListener implements CollectionListener {
  constructor(
    private readonly state: InstanceState,
    private readonly property: RelationshipProperty,
  ) {}

  added(item: object): void {
    relatedAdded(this.state, this.property, item, undefined)
  }

  removed(item: object): void {
    relatedRemoved(this.state, this.property, item, undefined)
  }
}
