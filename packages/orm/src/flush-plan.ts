import type { AnyTable } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { FlushError } from './errors/flush-error'
import type { FlushWork, PreDeleteClear, SaveUnit } from './flush-work'
import { foreignKeysOf } from './foreign-keys'
import { identityKeyOf } from './identity-key'
import type { InstanceState } from './instance-state'
import { mapperOfState, referencedTables } from './mapper'

/** Rows of one table written by one statement kind at one point of the order. */
export interface SaveStep {
  readonly table: AnyTable
  readonly isInsert: boolean
  readonly units: readonly SaveUnit[]
}

/** Rows of one table deleted together. */
export interface DeleteStep {
  readonly table: AnyTable
  readonly states: readonly InstanceState[]
}

/** The order of a flush's statements. */
export interface FlushPlan {
  /** INSERTs and UPDATEs, parents before the rows that need their keys. */
  readonly saves: readonly SaveStep[]
  /**
   * DELETEs that go before everything else: rows of tables no mapped table points at, which
   * nothing can need (so a replaced one-to-one child frees its unique key before its successor
   * is inserted).
   */
  readonly earlyDeletes: readonly DeleteStep[]
  /** Foreign keys cleared before the DELETEs, where deleted rows point at each other. */
  readonly preDeleteClears: readonly PreDeleteClear[]
  /** DELETEs, rows before the rows they point at. */
  readonly deletes: readonly DeleteStep[]
}

/**
 * Sorts nodes into levels: each level only depends on earlier ones, so a level's rows of one
 * table can go in one statement. When the remaining nodes all wait on each other,
 * `breakCycle` must remove a dependency (e.g. turn a foreign key into a post-update) or the
 * cycle is a `FlushError` naming the nodes (`nameOf`).
 *
 * ```ts
 * levelize([a, b], (n) => n.dependsOn, () => false) // [[a], [b]] when b depends on a
 * ```
 */
export function levelize<N>(
  nodes: readonly N[],
  dependenciesOf: (node: N) => Iterable<N>,
  breakCycle: (stuck: readonly N[]) => boolean,
  nameOf: (node: N) => string = String,
): N[][] {
  const levels: N[][] = []
  let remaining = nodes
  while (remaining.length > 0) {
    // Kahn's algorithm over the remaining nodes, level by level.
    const pending = new Set(remaining)
    const waitingOn = new Map<N, number>()
    const dependents = new Map<N, N[]>()
    for (const node of remaining) {
      let count = 0
      for (const dependency of dependenciesOf(node)) {
        if (!pending.has(dependency)) continue
        count += 1
        const list = dependents.get(dependency)
        if (list === undefined) dependents.set(dependency, [node])
        else list.push(node)
      }
      waitingOn.set(node, count)
    }
    let level = remaining.filter((node) => waitingOn.get(node) === 0)
    while (level.length > 0) {
      levels.push(level)
      const next: N[] = []
      for (const node of level) {
        pending.delete(node)
        for (const dependent of dependents.get(node) ?? []) {
          const count = (waitingOn.get(dependent) as number) - 1
          waitingOn.set(dependent, count)
          if (count === 0) next.push(dependent)
        }
      }
      level = next
    }
    remaining = remaining.filter((node) => pending.has(node))
    if (remaining.length > 0 && !breakCycle(remaining)) throw FlushError.circularDependency([...new Set(remaining.map(nameOf))])
  }
  return levels
}

/**
 * Orders a flush: saves level by level (UPDATEs before INSERTs within a level, one step per
 * table), cycles between new rows broken with post-updates of nullable foreign keys; then
 * deletes, children first, cycles broken by clearing a nullable foreign key first.
 *
 * ```ts
 * const plan = planFlush(work) // plan.saves[0] inserts the users, plan.saves[1] their posts
 * ```
 */
export function planFlush(work: FlushWork): FlushPlan {
  const saveLevels = levelize([...work.saves.values()], (unit) => unit.dependsOn, (stuck) => breakInsertCycle(work, stuck), (unit) => className(unit.state))
  const saves: SaveStep[] = []
  for (const level of saveLevels) {
    saves.push(...stepsOf(level.filter((unit) => !unit.isInsert), false), ...stepsOf(level.filter((unit) => unit.isInsert), true))
  }
  const preDeleteClears: PreDeleteClear[] = []
  const referrers = deleteDependencies(work.deletes)
  const deleteLevels = levelize([...work.deletes], (state) => referrers.get(state)?.keys() ?? [], (stuck) => breakDeleteCycle(stuck, referrers, preDeleteClears), className)
  const deletes: DeleteStep[] = []
  const earlyDeletes: DeleteStep[] = []
  const referenced = referencedTables()
  for (const level of deleteLevels) {
    // A joined-table subclass's rows are in several tables: referenced when any of them is.
    for (const [table, states] of groupByTable(level)) (mapperOfState(states[0]).tables.some((each) => referenced.has(each.node)) ? deletes : earlyDeletes).push({ table, states })
  }
  return { saves, earlyDeletes, preDeleteClears, deletes }
}

function stepsOf(units: readonly SaveUnit[], isInsert: boolean): SaveStep[] {
  const byTable = new Map<AnyTable, SaveUnit[]>()
  for (const unit of units) {
    const table = mapperOfState(unit.state).table
    const list = byTable.get(table)
    if (list === undefined) byTable.set(table, [unit])
    else list.push(unit)
  }
  return [...byTable].map(([table, list]) => ({ table, isInsert, units: list }))
}

function groupByTable(states: readonly InstanceState[]): Map<AnyTable, InstanceState[]> {
  const byTable = new Map<AnyTable, InstanceState[]>()
  for (const state of states) {
    const table = mapperOfState(state).table
    const list = byTable.get(table)
    if (list === undefined) byTable.set(table, [state])
    else list.push(state)
  }
  return byTable
}

// New rows that need each other's keys: one foreign key (nullable) is inserted as NULL and set
// by an UPDATE after all INSERTs.
function breakInsertCycle(work: FlushWork, stuck: readonly SaveUnit[]): boolean {
  const isStuck = new Set(stuck)
  for (const unit of stuck) {
    for (const sync of unit.syncs) {
      const source = sync.source === null ? undefined : work.saves.get(sync.source)
      if (source === undefined || !isStuck.has(source) || !sync.pairs.every((pair) => pair.referencing.config.isNullable)) continue
      unit.syncs.splice(unit.syncs.indexOf(sync), 1)
      work.postUpdates.push({ state: unit.state, sync })
      if (!unit.syncs.some((other) => other.source === sync.source)) unit.dependsOn.delete(source)
      return true
    }
  }
  return false
}

type Pairs = PreDeleteClear['pairs']

// For each deleted row, the deleted rows that point at it (by their foreign key values as stored)
// and so must be deleted first, with the foreign key each one points through.
function deleteDependencies(deletes: ReadonlySet<InstanceState>): Map<InstanceState, Map<InstanceState, Pairs>> {
  const referrers = new Map<InstanceState, Map<InstanceState, Pairs>>()
  if (deletes.size < 2) return referrers
  const byIdentity = new Map<string, InstanceState>()
  const mapperByTable = new Map<unknown, EntityMapper>()
  for (const state of deletes) {
    const mapper = mapperOfState(state)
    for (const table of mapper.tables) mapperByTable.set(table.node, mapper)
    if (state.identity !== undefined) byIdentity.set(state.identity, state)
  }
  for (const state of deletes) {
    for (const key of mapperOfState(state).tables.flatMap(foreignKeysOf)) {
      const target = mapperByTable.get(key.referencedTable)
      if (target === undefined) continue
      const ordered = target.primaryKey.map((column) => key.columns[key.referenced.indexOf(column)])
      if (ordered.some((column) => column === undefined)) continue
      const identity = identityKeyOf(target.tableKey, ordered.map((column) => state.committedValue(column.key)))
      const referenced = identity === undefined ? undefined : byIdentity.get(identity)
      // A row pointing at itself goes in one DELETE with itself.
      if (referenced === undefined || referenced === state) continue
      const pairs = key.columns.map((referencing, index) => ({ referencing, referenced: key.referenced[index] }))
      const list = referrers.get(referenced)
      if (list === undefined) referrers.set(referenced, new Map([[state, pairs]]))
      else if (!list.has(state) || pairs.every((pair) => pair.referencing.config.isNullable)) list.set(state, pairs)
    }
  }
  return referrers
}

// Deleted rows pointing at each other: one nullable foreign key is cleared by an UPDATE first.
function breakDeleteCycle(stuck: readonly InstanceState[], referrers: Map<InstanceState, Map<InstanceState, Pairs>>, clears: PreDeleteClear[]): boolean {
  const isStuck = new Set(stuck)
  for (const referenced of stuck) {
    const list = referrers.get(referenced)
    if (list === undefined) continue
    for (const [referrer, pairs] of list) {
      if (!isStuck.has(referrer) || !pairs.every((pair) => pair.referencing.config.isNullable)) continue
      clears.push({ state: referrer, pairs })
      list.delete(referrer)
      return true
    }
  }
  return false
}

function className(state: InstanceState): string {
  return state.instance.constructor.name
}
