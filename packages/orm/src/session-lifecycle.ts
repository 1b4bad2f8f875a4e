import type { EntityMapper } from './entity-mapper'
import type { InstanceState } from './instance-state'
import { mapperOfState } from './mapper'
import { TransactionScope } from './transaction-scope'
import type { UnitOfWork } from './unit-of-work'

/**
 * Discards an object's loaded values so they are read from the database again: every column but
 * the primary key (the object's identity, which stays readable) and every relationship.
 * `attributes` limits it to some columns and relationships.
 *
 * ```ts
 * expireState(stateOf(user), undefined) // user.name now throws NotLoadedError until refreshed
 * ```
 */
export function expireState(state: InstanceState, attributes: readonly string[] | undefined): void {
  const mapper = mapperOfState(state)
  if (attributes === undefined) {
    // The whole object (a commit expires every object): the mapper's column list, made once.
    state.expire(expirableColumnsOf(mapper), NO_KEYS)
    state.related.clear()
    state.clearChanges()
    return
  }
  const columns = attributes.filter((key) => mapper.columnByKey.has(key) && !mapper.primaryKeyKeys.includes(key))
  const relationships = attributes.filter((key) => !mapper.columnByKey.has(key))
  state.expire(columns, relationships)
}

const NO_KEYS: readonly string[] = []
const expirableColumns = new WeakMap<EntityMapper, readonly string[]>()

// Every column but the primary key, which is the object's identity and stays readable.
function expirableColumnsOf(mapper: EntityMapper): readonly string[] {
  let keys = expirableColumns.get(mapper)
  if (keys === undefined) {
    keys = [...mapper.columnByKey.keys()].filter((key) => !mapper.primaryKeyKeys.includes(key))
    expirableColumns.set(mapper, keys)
  }
  return keys
}

/**
 * What `commit()` does in memory: objects whose DELETE was committed become detached, and with
 * `expireOnCommit` every persistent object is expired (the next transaction may see other data).
 */
export function applyCommit(uow: UnitOfWork, expireOnCommit: boolean): void {
  const scope = uow.scopes[0]
  for (const state of scope.deletedRows) {
    state.isDeleted = false
    state.session = undefined
  }
  if (expireOnCommit) for (const state of uow.identityMap.values()) expireState(state, undefined)
  resetScopes(uow)
}

/**
 * What a rollback does in memory, for the whole transaction (`isWholeTransaction`) or one
 * SAVEPOINT's scope: objects added in it become transient again (database-generated values
 * cleared), objects deleted in it are back and expired, and changed objects are expired — all
 * of them for a whole transaction, the ones changed within the scope for a savepoint.
 */
export function applyRollback(uow: UnitOfWork, scope: TransactionScope, isWholeTransaction: boolean): void {
  for (const state of [...scope.added, ...scope.inserted]) {
    if (state.session === uow) makeTransient(uow, state)
  }
  for (const state of scope.deletedRows) {
    state.isDeleted = false
    if (state.session === uow) {
      uow.identityMap.add(state)
      expireState(state, undefined)
    }
  }
  for (const state of scope.markedDeleted) uow.deleted.delete(state)
  const stale = isWholeTransaction ? [...uow.identityMap.values()] : [...scope.touched].filter((state) => state.session === uow && state.identity !== undefined)
  for (const state of stale) {
    expireState(state, undefined)
    uow.modified.delete(state)
  }
  uow.orphanCandidates.clear()
}

/** Starts over with a fresh transaction scope (after commit or rollback of the whole transaction). */
export function resetScopes(uow: UnitOfWork): void {
  uow.scopes.splice(0, uow.scopes.length, new TransactionScope())
}

// Back to what `new X({...})` made: values the database generated are dropped, so the object can
// be added and inserted again.
function makeTransient(uow: UnitOfWork, state: InstanceState): void {
  uow.detach(state)
  if (state.generated !== undefined) for (const key of state.generated) state.values[key] = undefined
  state.generated = undefined
  state.expired = undefined
  state.identity = undefined
  state.isDeleted = false
  state.clearChanges()
}
