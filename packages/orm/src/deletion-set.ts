import { relatedThrough } from './cascade'
import { findState, type InstanceState } from './instance-state'
import { mapperOfState } from './mapper'
import type { RelationshipLoader } from './relationship-loader'
import type { RelationshipProperty } from './relationship-property'
import { findManyToOne } from './relationship-events'
import type { OrphanOrigins, UnitOfWork } from './unit-of-work'

/** What a flush deletes, and which pending objects it drops instead of inserting. */
export interface DeletionSet {
  readonly deletes: Set<InstanceState>
  readonly expunged: Set<InstanceState>
}

/**
 * Works out every row a flush deletes: objects passed to `delete()`, orphans of delete-orphan
 * relationships, and what delete cascades reach from them — loading, one query per relationship
 * and level, the cascading collections that are not in memory (unless `passiveDeletes` leaves
 * them to the database's ON DELETE CASCADE). Nothing is marked in the session: a failed flush
 * leaves no trace, and the next flush works it out again.
 *
 * ```ts
 * const { deletes } = await collectDeletions(uow, loader) // the user, its posts, their comments
 * ```
 */
export async function collectDeletions(uow: UnitOfWork, loader: () => RelationshipLoader): Promise<DeletionSet> {
  const deletes = new Set<InstanceState>()
  const expunged = new Set<InstanceState>()
  const enqueue = (state: InstanceState, frontier: InstanceState[]): void => {
    if (deletes.has(state) || expunged.has(state) || state.session !== uow || state.isDeleted) return
    if (state.identity === undefined) expunged.add(state)
    else {
      deletes.add(state)
      frontier.push(state)
    }
  }
  let frontier: InstanceState[] = []
  for (const state of uow.deleted) enqueue(state, frontier)
  for (const [state, origins] of uow.orphanCandidates) if (isOrphan(uow, state, origins)) enqueue(state, frontier)
  while (frontier.length > 0) {
    await loadCascadingRelationships(frontier, loader)
    const next: InstanceState[] = []
    for (const state of frontier) {
      for (const item of relatedThrough(state, 'delete', false)) {
        const related = findState(item)
        if (related !== undefined) enqueue(related, next)
      }
    }
    frontier = next
  }
  return { deletes, expunged }
}

// Delete cascades must reach children that are not in memory; they are loaded in one query per
// relationship for the whole level of parents.
async function loadCascadingRelationships(states: readonly InstanceState[], loader: () => RelationshipLoader): Promise<void> {
  const byProperty = new Map<RelationshipProperty, InstanceState[]>()
  for (const state of states) {
    for (const property of mapperOfState(state).relationships) {
      if (!property.cascade.delete || property.passiveDeletes || state.related.has(property.key)) continue
      if (property.direction === 'manyToOne' && findManyToOne(state, property) !== undefined) continue
      const list = byProperty.get(property)
      if (list === undefined) byProperty.set(property, [state])
      else list.push(state)
    }
  }
  for (const [property, list] of byProperty) await loader().load(list, property)
}

// An object removed from a delete-orphan relationship is an orphan unless it was attached again:
// its backPopulates side points at a parent, an owner it left holds it again, or another object
// of the session added it to the same relationship.
function isOrphan(uow: UnitOfWork, state: InstanceState, origins: OrphanOrigins): boolean {
  if (state.session !== uow) return false
  for (const [property, owners] of origins) {
    const partner = property.partner
    if (partner !== undefined && !partner.isList) {
      const parent = state.related.has(partner.key) ? state.related.get(partner.key) : findManyToOne(state, partner)
      const parentState = findState(parent)
      if (parentState !== undefined && !parentState.isDeleted && !uow.deleted.has(parentState)) return false
      if (parent === undefined) return false // unknown: do not delete what cannot be proven orphaned
      continue
    }
    for (const owner of owners) if (holds(owner, property, state.instance)) return false
    for (const other of uow.states()) if (other.history?.get(property.key)?.added.has(state.instance)) return false
  }
  return true
}

function holds(owner: InstanceState, property: RelationshipProperty, instance: object): boolean {
  const value = owner.related.get(property.key)
  return Array.isArray(value) ? value.includes(instance) : value === instance
}
