import { type AnyColumn, ArgumentError, type Connection, type DeleteNode, type ParameterSet, Select, type UpdateNode, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { evaluate, NotEvaluable, UNKNOWN } from './in-memory-evaluator'
import type { InstanceState } from './instance-state'
import { findMapperOfTable, mapperOfState } from './mapper'
import type { UnitOfWork } from './unit-of-work'

/**
 * How `session.execute(update(User)…)` / `deleteFrom(User)…` keeps the objects already in the
 * identity map in sync: `"evaluate"` (the default) matches them by evaluating the WHERE in memory
 * and applies the SET values to them (expiring what it cannot compute); `"fetch"` first SELECTs
 * the matched keys; `false` leaves them alone (they may be stale until refreshed).
 */
export type SynchronizeSession = 'evaluate' | 'fetch' | false

/** Options of `session.execute(statement, params, options)`. */
export interface ExecuteOptions {
  readonly synchronizeSession?: SynchronizeSession
}

/** What to do to the session's objects once a bulk statement ran. */
export interface BulkSync {
  apply(): void
}

/**
 * Works out, before a bulk UPDATE/DELETE of a mapped table runs, which objects of the session it
 * reaches; `apply()` after it ran updates them (UPDATE) or marks them deleted (DELETE).
 *
 * ```ts
 * const sync = await prepareBulkSync(uow, connection, statement.node, "evaluate"); await run(); sync?.apply()
 * ```
 */
export async function prepareBulkSync(uow: UnitOfWork, connection: Connection, node: UpdateNode | DeleteNode, mode: SynchronizeSession, params?: ParameterSet): Promise<BulkSync | undefined> {
  const mapper = findMapperOfTable(node.table)
  if (mapper === undefined || mode === false) return undefined
  const candidates = [...uow.identityMap.values()].filter((state) => mapperOfState(state).table.node === node.table)
  if (candidates.length === 0 && mode === 'evaluate') return undefined
  let matched: InstanceState[]
  let unknown: InstanceState[] = []
  if (mode === 'fetch') {
    const keys = select(...(mapper.primaryKey as unknown as AnyColumn[]))
    const statement = new Select(Object.freeze({ ...keys.node, where: node.where }))
    const rows = (await connection.execute(statement, params)).all() as Record<string, unknown>[]
    const identities = new Set(rows.map((row) => mapper.identityOf(row)))
    matched = candidates.filter((state) => identities.has(state.identity))
  } else {
    const isMultiTable = node.kind === 'UpdateNode' ? node.from.length > 0 : node.using.length > 0
    if (isMultiTable) throw cannotEvaluate(mapper, 'it reads other tables')
    matched = []
    for (const state of candidates) {
      const result = node.where === undefined ? true : attempt(() => evaluate(node.where as UpdateNode['where'] & object, state, mapper, node.table), mapper)
      if (result === true) matched.push(state)
      else if (result === UNKNOWN) unknown.push(state)
    }
  }
  return {
    apply(): void {
      if (node.kind === 'DeleteNode') {
        for (const state of matched) markDeleted(uow, state)
        return
      }
      const keys = node.assignments.map((assignment) => ({ key: keyOf(mapper, assignment.column.name), value: assignment.value }))
      for (const state of matched) {
        // Values computed from the row as it was (SET views = views + 1), then written.
        const computed = keys.map(({ key, value }) => ({ key, value: tryEvaluate(() => evaluate(value, state, mapper, node.table)) }))
        for (const { key, value } of computed) {
          if (value === UNKNOWN) state.expire([key], [])
          else state.values[key] = value
          state.original?.delete(key)
        }
      }
      // Objects the WHERE could not be decided for (an expired column): what the UPDATE may have changed is expired.
      for (const state of unknown) state.expire(keys.map(({ key }) => key), [])
      unknown = []
    },
  }
}

function markDeleted(uow: UnitOfWork, state: InstanceState): void {
  uow.identityMap.remove(state)
  uow.modified.delete(state)
  uow.deleted.delete(state)
  state.isDeleted = true
  state.clearChanges()
  uow.scope.deletedRows.add(state)
}

function keyOf(mapper: EntityMapper, columnName: string): string {
  const column = mapper.columns.find((candidate) => candidate.name === columnName)
  if (column === undefined) throw new ArgumentError(`${mapper.className}: the bulk UPDATE sets "${columnName}", which is not a column of ${mapper.table.name}.`)
  return column.key
}

function attempt(run: () => unknown, mapper: EntityMapper): unknown {
  try {
    return run()
  } catch (error) {
    if (error instanceof NotEvaluable) throw cannotEvaluate(mapper, `its WHERE uses ${error.message}`)
    throw error
  }
}

function tryEvaluate(run: () => unknown): unknown {
  try {
    return run()
  } catch (error) {
    if (error instanceof NotEvaluable) return UNKNOWN
    throw error
  }
}

function cannotEvaluate(mapper: EntityMapper, reason: string): ArgumentError {
  return new ArgumentError(
    `synchronizeSession "evaluate" cannot match ${mapper.className} objects in memory: ${reason}. Pass { synchronizeSession: "fetch" } (or false) to session.execute().`,
  )
}
