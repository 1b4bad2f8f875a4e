import { type AnyColumn, type Connection, type EntityItem, and, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { identityKeyOf } from './identity-key'
import type { InstanceLoader } from './instance-loader'
import type { InstanceState } from './instance-state'
import { chunk, matchAny, tupleKey } from './key-conditions'
import { createCollection } from './relationship-events'
import type { RelationshipProperty } from './relationship-property'
import type { UnitOfWork } from './unit-of-work'

/** The label prefix of the parent key columns a many-to-many query selects from the association table. */
export const PARENT_KEY_PREFIX = '__athanor_parent_'

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
    const rows: Record<string, unknown>[] = []
    for (const part of chunk([...missing.values()], referenced.length, this.maxParameters)) rows.push(...(await this.selectRows(property.target, referenced, part, [])))
    this.assignManyToOne(states, property, rows)
  }

  /**
   * Sets a relationship on every state from rows of its target that some other query read (the
   * rows of a many-to-many carry the parent's key as `__athanor_parent_<n>` labels).
   *
   * ```ts
   * loader.assign(userStates, postsProperty, rows)
   * ```
   */
  assign(states: readonly InstanceState[], property: RelationshipProperty, rows: readonly Record<string, unknown>[]): void {
    if (property.direction === 'manyToOne') this.assignManyToOne(states, property, rows)
    else this.assignCollections(states, property, rows)
    for (const state of states) state.history?.delete(property.key)
  }

  private assignManyToOne(states: readonly InstanceState[], property: RelationshipProperty, rows: readonly Record<string, unknown>[]): void {
    const referencing = property.pairs.map((pair) => pair.referencing)
    const referenced = property.pairs.map((pair) => pair.referenced)
    const byKey = new Map<string, object>()
    for (const row of rows) {
      const instance = this.instances.loadOne(property.target, row)
      if (instance !== undefined) byKey.set(tupleKey(referenced.map((column) => row[column.key])), instance)
    }
    for (const state of states) {
      if (state.related.has(property.key)) continue
      const values = referencing.map((column) => state.values[column.key])
      const found = values.some((value) => value === null || value === undefined) ? undefined : (this.fromIdentityMap(state, property) ?? byKey.get(tupleKey(values)))
      state.related.set(property.key, found ?? null)
    }
  }

  private async loadCollections(states: readonly InstanceState[], property: RelationshipProperty): Promise<void> {
    // The parent's side of the join: its referenced columns.
    const parentPairs = property.secondary ? property.secondary.parentPairs : property.pairs
    const parentKeys = parentPairs.map((pair) => pair.referenced.key)
    const tuples = new Map<unknown, readonly unknown[]>()
    for (const state of states) {
      const values = parentKeys.length === 1 ? [state.committedValue(parentKeys[0])] : parentKeys.map((key) => state.committedValue(key))
      if (values.every((value) => value !== null && value !== undefined)) tuples.set(groupKey(values), values)
    }
    const rows: Record<string, unknown>[] = []
    for (const part of chunk([...tuples.values()], parentKeys.length, this.maxParameters)) {
      const partRows = property.secondary
        ? await this.selectThroughSecondary(property, part)
        : await this.selectRows(property.target, parentPairs.map((pair) => pair.referencing), part, property.orderBy)
      // One part is the usual case: its rows need no copying.
      if (rows.length === 0 && tuples.size === part.length) {
        this.assignCollections(states, property, partRows)
        return
      }
      for (const row of partRows) rows.push(row)
    }
    this.assignCollections(states, property, rows)
  }

  private assignCollections(states: readonly InstanceState[], property: RelationshipProperty, rows: readonly Record<string, unknown>[]): void {
    const parentPairs = property.secondary ? property.secondary.parentPairs : property.pairs
    const parentKeys = parentPairs.map((pair) => pair.referenced.key)
    // The columns of the rows holding the parent's key.
    const rowKeys = property.secondary ? parentPairs.map((_, index) => `${PARENT_KEY_PREFIX}${index}`) : parentPairs.map((pair) => pair.referencing.key)
    const isSingleKey = rowKeys.length === 1
    const rowKey = rowKeys[0]
    const target = property.target
    // The objects of each parent, in row order. A row read twice (a join through duplicate
    // association rows) adds its object once: consecutive repeats are skipped here, others below.
    const groups = new Map<unknown, object[]>()
    for (const row of rows) {
      const instance = this.instances.loadOne(target, row)
      if (instance === undefined) continue
      const key = isSingleKey ? singleGroupKey(row[rowKey]) : groupKey(rowKeys.map((each) => row[each]))
      const group = groups.get(key)
      if (group === undefined) groups.set(key, [instance])
      else if (group[group.length - 1] !== instance) group.push(instance)
    }
    for (const state of states) {
      const key = isSingleKey ? singleGroupKey(state.committedValue(parentKeys[0])) : groupKey(parentKeys.map((each) => state.committedValue(each)))
      const found = groups.get(key)
      const items = found === undefined ? [] : withoutRepeats(found)
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

/**
 * The key grouping rows by one foreign key value: the value itself for an integer (no string to
 * build per row), else the `tupleKey` string, so that equal keys of either kind still meet
 * (`1` and `1n` alike; a string "1" apart from the number 1).
 */
function singleGroupKey(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) return Number(value)
  return tupleKey([value])
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function groupKey(values: readonly unknown[]): unknown {
  return values.length === 1 ? singleGroupKey(values[0]) : tupleKey(values)
}

// Rows of one parent are adjacent or few: a Set only when the group is big enough to need one.
function withoutRepeats(items: object[]): object[] {
  if (items.length < 2) return items
  if (items.length <= 16) {
    for (let index = 1; index < items.length; index++) if (items.lastIndexOf(items[index], index - 1) !== -1) return [...new Set(items)]
    return items
  }
  const unique = new Set(items)
  return unique.size === items.length ? items : [...unique]
}
