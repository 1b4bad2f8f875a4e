import { type AnyColumn, type Connection, type EntityItem, and, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { identityKeyOf } from './identity-key'
import type { InstanceLoader } from './instance-loader'
import type { InstanceState } from './instance-state'
import { chunk, matchAny, tupleKey } from './key-conditions'
import { createCollection } from './relationship-events'
import type { RelationshipProperty } from './relationship-property'
import type { UnitOfWork } from './unit-of-work'

const PARENT_KEY_PREFIX = '__athanor_parent_'

/**
 * Loads one relationship for many objects with one query per batch of parents (`WHERE key IN
 * (…)`), the way `selectinload` will: used by `session.refresh(obj, ["posts"])` and by the flush
 * (to find the children a cascade deletes). Many-to-one values already in the identity map cost
 * no query. Loaded values replace the relationship's state and its recorded changes.
 */
export class RelationshipLoader {
  constructor(
    private readonly connection: Connection,
    private readonly uow: UnitOfWork,
    private readonly instances: InstanceLoader,
  ) {}

  /**
   * Loads `property` on every state given.
   *
   * ```ts
   * await loader.load([stateOf(user)], mapperOf(User).relationship("posts"))
   * ```
   */
  async load(states: readonly InstanceState[], property: RelationshipProperty): Promise<void> {
    if (states.length === 0) return
    if (property.direction === 'manyToOne') await this.loadManyToOne(states, property)
    else await this.loadCollections(states, property)
    for (const state of states) state.history?.delete(property.key)
  }

  private async loadManyToOne(states: readonly InstanceState[], property: RelationshipProperty): Promise<void> {
    const referencing = property.pairs.map((pair) => pair.referencing)
    const referenced = property.pairs.map((pair) => pair.referenced)
    const missing = new Map<string, readonly unknown[]>()
    for (const state of states) {
      const values = referencing.map((column) => state.values[column.key])
      if (values.some((value) => value === null || value === undefined)) {
        state.related.set(property.key, null)
        continue
      }
      const found = this.fromIdentityMap(state, property)
      if (found !== undefined) state.related.set(property.key, found)
      else missing.set(tupleKey(values), values)
    }
    if (missing.size === 0) return
    const byKey = new Map<string, object>()
    for (const part of chunk([...missing.values()], referenced.length, this.maxParameters)) {
      const rows = await this.selectRows(property.target, referenced, part, [])
      for (const row of rows) {
        const instance = this.instances.loadOne(property.target, row)
        if (instance !== undefined) byKey.set(tupleKey(referenced.map((column) => row[column.key])), instance)
      }
    }
    for (const state of states) {
      if (state.related.has(property.key)) continue
      state.related.set(property.key, byKey.get(tupleKey(referencing.map((column) => state.values[column.key]))) ?? null)
    }
  }

  private async loadCollections(states: readonly InstanceState[], property: RelationshipProperty): Promise<void> {
    // The parent's side of the join: its referenced columns, and the columns holding their values in the rows.
    const parentPairs = property.secondary ? property.secondary.parentPairs : property.pairs
    const parentColumns = parentPairs.map((pair) => pair.referenced)
    const rowKeys = property.secondary ? parentPairs.map((_, index) => `${PARENT_KEY_PREFIX}${index}`) : parentPairs.map((pair) => pair.referencing.key)
    const tuples = new Map<string, readonly unknown[]>()
    for (const state of states) {
      const values = parentColumns.map((column) => state.committedValue(column.key))
      if (values.every((value) => value !== null && value !== undefined)) tuples.set(tupleKey(values), values)
    }
    const groups = new Map<string, object[]>()
    for (const part of chunk([...tuples.values()], parentColumns.length, this.maxParameters)) {
      const rows = property.secondary
        ? await this.selectThroughSecondary(property, part)
        : await this.selectRows(property.target, parentPairs.map((pair) => pair.referencing), part, property.orderBy)
      for (const row of rows) {
        const instance = this.instances.loadOne(property.target, row)
        if (instance === undefined) continue
        const key = tupleKey(rowKeys.map((rowKey) => row[rowKey]))
        const group = groups.get(key)
        if (group === undefined) groups.set(key, [instance])
        else if (!group.includes(instance)) group.push(instance)
      }
    }
    for (const state of states) {
      const items = groups.get(tupleKey(parentColumns.map((column) => state.committedValue(column.key)))) ?? []
      state.related.set(property.key, property.isList ? createCollection(state, property, items) : (items[0] ?? null))
    }
  }

  private fromIdentityMap(state: InstanceState, property: RelationshipProperty): object | undefined {
    if (property.keyColumns === undefined) return undefined
    const key = identityKeyOf(property.target.tableKey, property.keyColumns.map((column) => state.values[column.key]))
    const found = key === undefined ? undefined : this.uow.identityMap.get(key)
    return found === undefined || found.isDeleted ? undefined : found.instance
  }

  private async selectRows(target: EntityMapper, columns: readonly AnyColumn[], tuples: readonly (readonly unknown[])[], orderBy: RelationshipProperty['orderBy']): Promise<Record<string, unknown>[]> {
    const statement = select(target.entity as unknown as EntityItem)
      .where(matchAny(columns, tuples))
      .orderBy(...orderBy)
    return (await this.connection.execute(statement)).all() as Record<string, unknown>[]
  }

  private async selectThroughSecondary(property: RelationshipProperty, tuples: readonly (readonly unknown[])[]): Promise<Record<string, unknown>[]> {
    const secondary = property.secondary as NonNullable<RelationshipProperty['secondary']>
    const parentLabels = secondary.parentPairs.map((pair, index) => pair.referencing.label(`${PARENT_KEY_PREFIX}${index}`))
    const statement = select(property.target.entity as unknown as EntityItem, ...parentLabels)
      .from(property.target.table)
      .join(secondary.table, and(...secondary.targetPairs.map((pair) => pair.referencing.eq(pair.referenced))))
      .where(matchAny(secondary.parentPairs.map((pair) => pair.referencing), tuples))
      .orderBy(...property.orderBy)
    return (await this.connection.execute(statement)).all() as Record<string, unknown>[]
  }

  private get maxParameters(): number {
    return this.connection.dialect.capabilities.maxParameters
  }
}
