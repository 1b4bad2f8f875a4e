import type { DeletionSet } from './deletion-set'
import type { EntityMapper } from './entity-mapper'
import { type FlushWork, type SaveUnit, type SecondaryRow, type Sync, saveUnit } from './flush-work'
import { foreignKeysOf } from './foreign-keys'
import { identityKeyOf } from './identity-key'
import { findState, type InstanceState } from './instance-state'
import { mapperOfState } from './mapper'
import type { RelationshipProperty } from './relationship-property'
import type { UnitOfWork } from './unit-of-work'

/**
 * Turns the session's changes into the rows a flush writes. Each relationship's changes become
 * foreign key values to copy in (many-to-one and one-to-many), association rows to insert or
 * delete (many-to-many), or children to un-link when their parent goes; each copy from a new
 * object is a dependency that orders the INSERTs.
 *
 * ```ts
 * const work = new DependencyProcessor(uow, deletions).process()
 * ```
 */
export class DependencyProcessor {
  private readonly work: FlushWork
  /** Children removed from a one-to-many: cleared unless another parent claims them in this flush. */
  private readonly pendingClears: { readonly child: InstanceState; readonly property: RelationshipProperty }[] = []
  private readonly secondaryKeys = new Set<string>()
  private readonly stateIds = new Map<InstanceState, number>()

  constructor(
    private readonly uow: UnitOfWork,
    deletions: DeletionSet,
  ) {
    this.work = {
      saves: new Map(),
      postUpdates: [],
      secondaryInserts: [],
      secondaryDeletes: [],
      secondaryPurges: [],
      foreignKeyClears: [],
      deletes: deletions.deletes,
      expunged: deletions.expunged,
    }
  }

  process(): FlushWork {
    const { saves, deletes, expunged } = this.work
    for (const state of this.uow.pending) if (!expunged.has(state) && !deletes.has(state)) saves.set(state, saveUnit(state, true))
    for (const state of this.uow.modified) {
      if (!deletes.has(state) && state.session === this.uow && !state.isDeleted && state.hasChanges) saves.set(state, saveUnit(state, false))
    }
    for (const unit of [...saves.values()]) this.processSaved(unit)
    for (const state of deletes) this.processDeleted(state)
    this.applyPendingClears()
    this.addValueDependencies()
    return this.work
  }

  private processSaved(unit: SaveUnit): void {
    const { state, isInsert } = unit
    for (const property of mapperOfState(state).relationships) {
      const history = state.history?.get(property.key)
      // A new object's relationships are taken whole (after a rollback its history is gone);
      // a persistent object's only as far as they changed.
      if (!isInsert && history === undefined) continue
      if (property.direction === 'manyToOne') {
        const value = state.related.get(property.key)
        if (value === undefined || (value === null && history === undefined)) continue
        this.addSync(unit, property, value === null ? null : findState(value) ?? null)
        continue
      }
      const added = isInsert ? this.currentItems(state, property) : [...(history?.added ?? [])].filter((item) => this.stillHeld(state, property, item))
      const removed = isInsert ? [] : [...(history?.removed ?? [])]
      for (const item of added) this.linkChild(state, property, item)
      for (const item of removed) this.unlinkChild(state, property, item)
    }
  }

  private processDeleted(state: InstanceState): void {
    for (const property of mapperOfState(state).relationships) {
      if (property.direction === 'manyToOne') continue
      if (property.direction === 'manyToMany') {
        if (!property.passiveDeletes) this.purgeAssociations(state, property)
        continue
      }
      const value = state.related.get(property.key)
      if (value !== undefined) {
        for (const item of [...this.currentItems(state, property), ...(state.history?.get(property.key)?.removed ?? [])]) this.unlinkChild(state, property, item)
      } else if (!property.passiveDeletes && !property.cascade.delete) {
        const clear = this.work.foreignKeyClears.find((c) => c.property === property)
        if (clear === undefined) this.work.foreignKeyClears.push({ property, parents: [state] })
        else clear.parents.push(state)
      }
    }
  }

  // One-to-many: the child's foreign key takes the parent's key. Many-to-many: an association row.
  private linkChild(parent: InstanceState, property: RelationshipProperty, item: object): void {
    const child = findState(item)
    if (child === undefined || !this.isWritable(child)) return
    if (property.direction === 'manyToMany') {
      this.addSecondary(this.work.secondaryInserts, property, parent, child)
      return
    }
    const unit = this.unitFor(child)
    if (unit !== undefined) this.addSync(unit, property, parent)
  }

  private unlinkChild(parent: InstanceState, property: RelationshipProperty, item: object): void {
    const child = findState(item)
    if (child === undefined) return
    if (property.direction === 'manyToMany') {
      if (child.identity !== undefined && parent.identity !== undefined) this.addSecondary(this.work.secondaryDeletes, property, parent, child)
      return
    }
    if (this.isWritable(child)) this.pendingClears.push({ child, property })
  }

  // A child that left a parent keeps its new parent's key if one claimed it in this flush.
  private applyPendingClears(): void {
    for (const { child, property } of this.pendingClears) {
      const referencing = property.pairs.map((pair) => pair.referencing)
      const existing = this.work.saves.get(child)
      const isClaimed = existing?.syncs.some((sync) => sync.source !== null && sync.pairs.some((pair) => referencing.includes(pair.referencing)))
      if (isClaimed) continue
      const unit = this.unitFor(child)
      if (unit !== undefined && !unit.syncs.some((sync) => sync.source === null && sync.property === property)) this.addSync(unit, property, null)
    }
  }

  private addSync(unit: SaveUnit, property: RelationshipProperty, source: InstanceState | null): void {
    const sync: Sync = { property, pairs: property.pairs, source }
    const sourceUnit = source === null ? undefined : this.work.saves.get(source)
    if (sourceUnit === undefined || !sourceUnit.isInsert) {
      unit.syncs.push(sync)
      return
    }
    if (property.postUpdate) {
      this.work.postUpdates.push({ state: unit.state, sync })
      return
    }
    unit.syncs.push(sync)
    unit.dependsOn.add(sourceUnit)
  }

  private addSecondary(list: SecondaryRow[], property: RelationshipProperty, parent: InstanceState, target: InstanceState): void {
    const join = property.secondary as NonNullable<RelationshipProperty['secondary']>
    // Both sides of a backPopulates pair report the same row: key it by which object fills each
    // association column, which does not depend on the side it came from.
    const providers = new Map<string, InstanceState>()
    for (const pair of join.parentPairs) providers.set(pair.referencing.key, parent)
    for (const pair of join.targetPairs) providers.set(pair.referencing.key, target)
    const ids = join.table.columns.filter((column) => providers.has(column.key)).map((column) => this.idOf(providers.get(column.key) as InstanceState))
    const key = `${join.table.name}:${list === this.work.secondaryInserts ? 'i' : 'd'}:${ids.join(':')}`
    if (this.secondaryKeys.has(key)) return
    this.secondaryKeys.add(key)
    list.push({ join, parent, target })
  }

  private purgeAssociations(state: InstanceState, property: RelationshipProperty): void {
    const join = property.secondary as NonNullable<RelationshipProperty['secondary']>
    const existing = this.work.secondaryPurges.find((purge) => purge.table === join.table && purge.pairs === join.parentPairs)
    if (existing === undefined) this.work.secondaryPurges.push({ table: join.table, pairs: join.parentPairs, owners: [state] })
    else if (!existing.owners.includes(state)) existing.owners.push(state)
  }

  // Rows given explicit keys may reference each other by value; those INSERTs are ordered too.
  private addValueDependencies(): void {
    const inserts = [...this.work.saves.values()].filter((unit) => unit.isInsert)
    const byIdentity = new Map<string, SaveUnit>()
    const mapperByTable = new Map<unknown, EntityMapper>()
    for (const unit of inserts) {
      const mapper = mapperOfState(unit.state)
      for (const table of mapper.tables) mapperByTable.set(table.node, mapper)
      const identity = mapper.identityOf(unit.state.values)
      if (identity !== undefined) byIdentity.set(identity, unit)
    }
    if (byIdentity.size === 0) return
    for (const unit of inserts) {
      for (const key of mapperOfState(unit.state).tables.flatMap(foreignKeysOf)) {
        const target = mapperByTable.get(key.referencedTable)
        if (target === undefined) continue
        const ordered = target.primaryKey.map((column) => key.columns[key.referenced.indexOf(column)])
        if (ordered.some((column) => column === undefined)) continue
        const identity = identityKeyOf(target.tableKey, ordered.map((column) => unit.state.values[column.key]))
        const parent = identity === undefined ? undefined : byIdentity.get(identity)
        if (parent !== undefined && parent !== unit) unit.dependsOn.add(parent)
      }
    }
  }

  private unitFor(state: InstanceState): SaveUnit | undefined {
    const existing = this.work.saves.get(state)
    if (existing !== undefined) return existing
    if (state.identity === undefined || state.session !== this.uow || state.isDeleted) return undefined
    const created = saveUnit(state, false)
    this.work.saves.set(state, created)
    return created
  }

  private isWritable(state: InstanceState): boolean {
    return state.session === this.uow && !this.work.deletes.has(state) && !this.work.expunged.has(state) && !state.isDeleted
  }

  private currentItems(state: InstanceState, property: RelationshipProperty): object[] {
    const value = state.related.get(property.key)
    if (Array.isArray(value)) return value as object[]
    return value === null || value === undefined ? [] : [value as object]
  }

  private stillHeld(state: InstanceState, property: RelationshipProperty, item: object): boolean {
    return this.currentItems(state, property).includes(item)
  }

  private idOf(state: InstanceState): number {
    let id = this.stateIds.get(state)
    if (id === undefined) {
      id = this.stateIds.size + 1
      this.stateIds.set(state, id)
    }
    return id
  }
}
