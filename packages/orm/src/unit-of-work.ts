import { ArgumentError } from '@athanor/core'
import { cascadeReach } from './cascade'
import { DetachedInstanceError } from './errors/detached-instance-error'
import { MappingError } from './errors/mapping-error'
import type { IdentityKey } from './identity-key'
import type { EntityMapper } from './entity-mapper'
import { IdentityMap } from './identity-map'
import { type InstanceState, type SessionLink, stateOf } from './instance-state'
import { mapperOfState } from './mapper'
import type { RelationshipProperty } from './relationship-property'
import { TransactionScope } from './transaction-scope'

// The attribute names of a mapped class (columns and relationships), made once per mapper.
const attributeKeys = new WeakMap<EntityMapper, readonly string[]>()

function attributeKeysOf(mapper: EntityMapper): readonly string[] {
  let keys = attributeKeys.get(mapper)
  if (keys === undefined) {
    keys = [...mapper.columnByKey.keys(), ...Object.keys(mapper.declared)]
    attributeKeys.set(mapper, keys)
  }
  return keys
}

/** Why an object may be an orphan: the relationship it left and the owners it left. */
export type OrphanOrigins = Map<RelationshipProperty, Set<InstanceState>>

/**
 * A session's bookkeeping: which objects are pending, modified or marked for deletion, the
 * identity map, and the transaction scopes that rollback uses. Attributes report changes here
 * (`SessionLink`), so a flush only looks at objects that changed.
 */
export class UnitOfWork implements SessionLink {
  readonly identityMap = new IdentityMap()
  /** Added objects without a row yet, in the order they were added. */
  readonly pending = new Set<InstanceState>()
  /** Persistent objects that reported a change since the last flush. */
  readonly modified = new Set<InstanceState>()
  /** Persistent objects passed to `delete()`, not flushed yet. */
  readonly deleted = new Set<InstanceState>()
  readonly orphanCandidates = new Map<InstanceState, OrphanOrigins>()
  /** The transaction's scope, then one per open `beginNested`. */
  readonly scopes: TransactionScope[] = [new TransactionScope()]

  get scope(): TransactionScope {
    return this.scopes[this.scopes.length - 1]
  }

  /** True when a flush may have something to write. */
  get hasWork(): boolean {
    if (this.pending.size > 0 || this.deleted.size > 0 || this.orphanCandidates.size > 0) return true
    for (const state of this.modified) if (state.hasChanges) return true
    return false
  }

  /** Adds an object and, through save-update cascade, the objects it refers to. */
  add(instance: object): void {
    this.addAll([instance])
  }

  /**
   * Adds objects and what save-update cascades reach from them, in one walk: the same objects in
   * the same order as `add` of each in turn (each object is reached once).
   */
  addAll(instances: Iterable<object>): void {
    const roots: InstanceState[] = []
    for (const instance of instances) {
      const root = stateOf(instance)
      if (root.session !== this) roots.push(root)
    }
    if (roots.length === 0) return
    for (const state of cascadeReach(roots, 'saveUpdate', true)) {
      if (state.session === this) continue
      if (state.session !== undefined) throw DetachedInstanceError.inOtherSession(state.instance.constructor.name)
      this.attach(state)
    }
  }

  /** Marks a persistent object for deletion at the next flush (cascades are worked out then). */
  delete(instance: object): void {
    const state = stateOf(instance)
    const className = instance.constructor.name
    if (state.session !== this) throw DetachedInstanceError.notInSession(className, 'delete()')
    if (state.identity === undefined) throw new ArgumentError(`delete(): this ${className} is pending (never flushed), so it has no row to delete; use expunge() to drop it.`)
    if (state.isDeleted) return
    this.deleted.add(state)
    this.scope.markedDeleted.add(state)
  }

  /** Removes an object (and, through expunge cascade, related ones) from the session. */
  expunge(instance: object): void {
    const root = stateOf(instance)
    if (root.session !== this) throw DetachedInstanceError.notInSession(instance.constructor.name, 'expunge()')
    for (const state of cascadeReach([root], 'expunge', false)) if (state.session === this) this.detach(state)
  }

  /** Forgets an object: pending ones become transient, persistent ones detached. */
  detach(state: InstanceState): void {
    this.pending.delete(state)
    this.modified.delete(state)
    this.deleted.delete(state)
    this.orphanCandidates.delete(state)
    this.identityMap.remove(state)
    state.session = undefined
  }

  /** Forgets every object at once (`expungeAll`, `close`): as `detach` of each, without a lookup per object. */
  detachAll(): void {
    for (const state of this.pending) state.session = undefined
    // Objects marked for deletion are persistent: in the identity map too.
    for (const state of this.identityMap.values()) state.session = undefined
    this.pending.clear()
    this.modified.clear()
    this.deleted.clear()
    this.orphanCandidates.clear()
    this.identityMap.clear()
  }

  /** Every object in the session: pending ones and those in the identity map. */
  *states(): IterableIterator<InstanceState> {
    yield* this.pending
    yield* this.identityMap.values()
  }

  markModified(state: InstanceState): void {
    if (state.identity === undefined || state.isDeleted) return
    this.modified.add(state)
    this.scope.touched.add(state)
  }

  cascadeSave(instance: object): void {
    this.add(instance)
  }

  markOrphanCandidate(state: InstanceState, property: RelationshipProperty, owner: InstanceState): void {
    let origins = this.orphanCandidates.get(state)
    if (origins === undefined) {
      origins = new Map()
      this.orphanCandidates.set(state, origins)
    }
    let owners = origins.get(property)
    if (owners === undefined) {
      owners = new Set()
      origins.set(property, owners)
    }
    owners.add(owner)
  }

  lookupIdentity(key: IdentityKey): InstanceState | undefined {
    return this.identityMap.get(key)
  }

  private attach(state: InstanceState): void {
    const mapper = mapperOfState(state)
    for (const key of attributeKeysOf(mapper)) {
      if (Object.prototype.hasOwnProperty.call(state.instance, key)) throw MappingError.shadowedAttribute(mapper.className, key)
    }
    if (state.identity === undefined) {
      state.session = this
      this.pending.add(state)
      this.scope.added.add(state)
      return
    }
    const existing = this.identityMap.get(state.identity)
    if (existing !== undefined && existing !== state) {
      throw new ArgumentError(`add(): this session already holds another ${mapper.className} with the same primary key; use await session.merge(obj) to copy its state onto that one.`)
    }
    state.session = this
    this.identityMap.add(state)
    if (state.hasChanges) this.modified.add(state)
  }
}
