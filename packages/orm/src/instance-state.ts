import type { EntityMapper } from './entity-mapper'
import { UnmappedClassError } from './errors/unmapped-class-error'
import type { IdentityKey } from './identity-key'
import type { RelationshipProperty } from './relationship-property'

/** Where each mapped object keeps its state; a symbol, so it never collides with an attribute. */
export const STATE: unique symbol = Symbol('athanor.instanceState')

/**
 * An object's life cycle, as in SQLAlchemy: `transient` (new, in no session), `pending` (added,
 * not yet inserted), `persistent` (has a row, in a session), `deleted` (its DELETE was flushed,
 * until commit), `detached` (has a row, in no session).
 */
export type InstanceStatus = 'transient' | 'pending' | 'persistent' | 'deleted' | 'detached'

/** What an attached object tells its session about changes made through its attributes. */
export interface SessionLink {
  /** A column or relationship changed: the object has something to flush. */
  markModified(state: InstanceState): void
  /** An object was attached through a relationship with save-update cascade. */
  cascadeSave(instance: object): void
  /** An object (`state`) was removed from `owner`'s relationship, which has delete-orphan cascade. */
  markOrphanCandidate(state: InstanceState, property: RelationshipProperty, owner: InstanceState): void
  /** The object with this identity in the session's identity map, if any. */
  lookupIdentity(key: IdentityKey): InstanceState | undefined
}

/**
 * Objects added to and removed from one relationship since it was loaded (or last flushed).
 * Read-only outside `InstanceState`: an empty side is a shared empty Set until something joins it.
 */
export interface RelationshipHistory {
  readonly added: ReadonlySet<object>
  readonly removed: ReadonlySet<object>
}

interface MutableHistory {
  added: Set<object>
  removed: Set<object>
}

// Most histories only ever gain additions (a new object's collections): no Set for the other side.
const NO_ITEMS: Set<object> = new Set()

/** Marks the original value of a column that was expired when it was set: it must be written. */
export const UNKNOWN_VALUE: unique symbol = Symbol('athanor.unknownValue')

/**
 * The state behind one mapped object. Column attributes are accessors on the class prototype that
 * read and write `values`; a write to a persistent object records the column's original value,
 * so a flush knows exactly which columns changed without comparing every object.
 */
export class InstanceState {
  /** Column values by property name (for a loaded object, the row itself). */
  values: Record<string, unknown>
  /** Columns changed since the object was loaded or flushed, with their original values. */
  original: Map<string, unknown> | undefined = undefined
  /** Columns whose value was discarded (expired) and must be loaded again. */
  expired: Set<string> | undefined = undefined
  /** Loaded relationship values: a tracked array, an object or null. Absent means not loaded. */
  readonly related = new Map<string, unknown>()
  /** Relationship changes since load or flush, by relationship key. */
  history: Map<string, RelationshipHistory> | undefined = undefined
  /** Set once the object has a row (after load or INSERT). */
  identity: IdentityKey | undefined = undefined
  /** The session the object belongs to. */
  session: SessionLink | undefined = undefined
  /** True once its DELETE was flushed, until the transaction ends. */
  isDeleted = false
  /** Columns the database filled in at INSERT; a rollback that makes the object transient clears them. */
  generated: Set<string> | undefined = undefined
  /** Columns a query left out (loadOnly/defer) and that were not loaded since; they are also in `expired`. */
  deferred: Set<string> | undefined = undefined
  /** Relationships a query marked `raiseload`: reading one while unloaded names that option. */
  raiseOnRead: Set<string> | undefined = undefined
  /** Set when the state is first used by a session. */
  mapper: EntityMapper | undefined = undefined

  constructor(
    readonly instance: object,
    values: Record<string, unknown>,
  ) {
    this.values = values
  }

  get status(): InstanceStatus {
    if (this.isDeleted) return 'deleted'
    if (this.identity === undefined) return this.session === undefined ? 'transient' : 'pending'
    return this.session === undefined ? 'detached' : 'persistent'
  }

  /** Writes a column. On an object with a row, remembers the original value; writing it back forgets the change. */
  setColumn(key: string, value: unknown): void {
    if (this.identity === undefined) {
      this.values[key] = value
      return
    }
    const wasExpired = this.expired?.delete(key) ?? false
    const original = this.original
    if (original === undefined || !original.has(key)) {
      const current = this.values[key]
      if (!wasExpired && isSameValue(current, value)) return
      ;(this.original ??= new Map()).set(key, wasExpired ? UNKNOWN_VALUE : current)
    } else if (isSameValue(original.get(key), value)) {
      original.delete(key)
    }
    this.values[key] = value
    this.session?.markModified(this)
  }

  /** Marks a column as changed although its value is the same object (a JSON value mutated in place). */
  flagModified(key: string): void {
    if (this.identity === undefined) return
    if (!this.original?.has(key)) (this.original ??= new Map()).set(key, UNKNOWN_VALUE)
    this.session?.markModified(this)
  }

  /** The value a column had in the database: the original if it was changed since. */
  committedValue(key: string): unknown {
    const original = this.original
    if (original !== undefined && original.has(key)) {
      const value = original.get(key)
      return value === UNKNOWN_VALUE ? this.values[key] : value
    }
    return this.values[key]
  }

  /** Records that `item` joined relationship `key` (cancelling an earlier removal). */
  recordAdded(key: string, item: object): void {
    const history = this.historyFor(key)
    if (history.removed.has(item)) history.removed.delete(item)
    else (history.added === NO_ITEMS ? (history.added = new Set()) : history.added).add(item)
  }

  /** Records that `item` left relationship `key` (cancelling an earlier addition). */
  recordRemoved(key: string, item: object): void {
    const history = this.historyFor(key)
    if (history.added.has(item)) history.added.delete(item)
    else (history.removed === NO_ITEMS ? (history.removed = new Set()) : history.removed).add(item)
  }

  /** True when a flush would write something for this object's own row or relationships. */
  get hasChanges(): boolean {
    if (this.original !== undefined && this.original.size > 0) return true
    if (this.history !== undefined) for (const history of this.history.values()) if (history.added.size > 0 || history.removed.size > 0) return true
    return false
  }

  /** Forgets recorded changes, after a flush wrote them or a load replaced them. */
  clearChanges(): void {
    this.original = undefined
    this.history = undefined
  }

  /**
   * Discards loaded values so they are read again: the given columns and relationships, or all of
   * them except the primary key (which is the object's identity).
   */
  expire(columnKeys: readonly string[], relationshipKeys: readonly string[]): void {
    for (const key of columnKeys) {
      this.values[key] = undefined
      this.original?.delete(key)
      ;(this.expired ??= new Set()).add(key)
    }
    for (const key of relationshipKeys) {
      this.related.delete(key)
      this.history?.delete(key)
    }
  }

  /** Fills expired columns from a freshly read row, leaving changed (unflushed) columns alone. */
  refreshExpired(row: Readonly<Record<string, unknown>>): void {
    const expired = this.expired
    if (expired === undefined) return
    for (const key of expired) {
      // A row that leaves the column out (a deferred column) refreshes nothing.
      if (row[key] === undefined) continue
      this.values[key] = row[key]
      expired.delete(key)
      this.deferred?.delete(key)
    }
    if (expired.size === 0) this.expired = undefined
  }

  /** Marks columns a query left out as deferred: not loaded, and reading them throws until they are. */
  defer(keys: ReadonlySet<string>): void {
    for (const key of keys) {
      if (this.values[key] !== undefined) continue
      ;(this.expired ??= new Set()).add(key)
      ;(this.deferred ??= new Set()).add(key)
    }
  }

  private historyFor(key: string): MutableHistory {
    const histories = (this.history ??= new Map())
    // Only this class puts histories in the map, and they are all MutableHistory.
    let history = histories.get(key) as MutableHistory | undefined
    if (history === undefined) {
      history = { added: NO_ITEMS, removed: NO_ITEMS }
      histories.set(key, history)
    }
    return history
  }
}

/** The state of a mapped object; throws `UnmappedClassError` for anything else. */
export function stateOf(instance: object): InstanceState {
  const state = (instance as { [STATE]?: InstanceState })[STATE]
  if (state === undefined) throw UnmappedClassError.forInstance(instance)
  return state
}

/** The state of a mapped object, or undefined. */
export function findState(instance: unknown): InstanceState | undefined {
  return typeof instance === 'object' && instance !== null ? (instance as { [STATE]?: InstanceState })[STATE] : undefined
}

/** Gives a new object its state (non-enumerable, so equality checks and spreading ignore it). */
export function attachState(instance: object, state: InstanceState): void {
  Object.defineProperty(instance, STATE, { value: state, enumerable: false, writable: false, configurable: false })
}

// Dates compare by time: a Date set to the same instant is not a change.
function isSameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
}
