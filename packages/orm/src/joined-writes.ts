import { type AnyColumn, deleteFrom, update } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { StaleDataError } from './errors/stale-data-error'
import { type InsertContext, type InsertedRow, insertStates } from './insert-batch'
import type { InstanceState } from './instance-state'
import { chunk, matchAny, matchOne } from './key-conditions'
import type { TableLevel } from './table-level'

// Rows and SET values are keyed by column property names read from the mapper at runtime; Core's
// typed `values()` cannot check them for a table typed `AnyTable`, hence `as never`.

/**
 * INSERTs the rows of objects of a joined-table subclass, one table after the other from the
 * root (`employees`, then `managers`): each table's rows in as few statements as `insertStates`
 * makes, the key the root table generated copied into the next table's key columns first.
 *
 * ```ts
 * await insertJoinedStates(context, mapperOf(Manager).levels, states) // INSERT employees …; INSERT managers …
 * ```
 */
export async function insertJoinedStates(context: InsertContext, levels: readonly TableLevel[], states: readonly InstanceState[]): Promise<InsertedRow[]> {
  const generated = new Map<InstanceState, Set<string>>(states.map((state) => [state, new Set()]))
  const expired = new Map<InstanceState, Set<string>>(states.map((state) => [state, new Set()]))
  for (const level of levels) {
    for (const state of states) {
      for (const pair of level.keyPairs) if (pair.column.key !== pair.rootKey && !Object.is(state.values[pair.column.key], state.values[pair.rootKey])) context.undo.write(state, pair.column.key, state.values[pair.rootKey])
    }
    for (const row of await insertStates(context, level, states)) {
      for (const key of row.generated) generated.get(row.state)?.add(key)
      for (const key of row.expired) expired.get(row.state)?.add(key)
    }
  }
  return states.map((state) => ({ state, generated: [...(generated.get(state) ?? [])], expired: [...(expired.get(state) ?? [])] }))
}

/**
 * UPDATEs the row of an object of a joined-table subclass: only the tables whose columns changed
 * (the root table too when the class has a version column, whose check and increment live there).
 *
 * ```ts
 * await updateJoinedRow(context, mapperOf(Manager), stateOf(max), { budget: 200 }) // UPDATE managers only
 * ```
 */
export async function updateJoinedRow(context: InsertContext, mapper: EntityMapper, state: InstanceState, values: Readonly<Record<string, unknown>>): Promise<void> {
  const levels = mapper.levels as readonly TableLevel[]
  const { versionKey } = mapper
  const key = mapper.primaryKeyKeys.map((each) => state.committedValue(each))
  for (const [index, level] of levels.entries()) {
    const part: Record<string, unknown> = {}
    // A key column named like the root key holds the same value: the root table's row owns it.
    for (const column of Object.keys(values)) if (level.columnByKey.has(column) && (index === 0 || !level.keyPairs.some((pair) => pair.rootKey === column))) part[column] = values[column]
    const isVersioned = index === 0 && versionKey !== undefined
    if (Object.keys(part).length === 0 && !isVersioned) continue
    const columns: AnyColumn[] = level.keyPairs.map((pair) => pair.column)
    const tuple = [...key]
    let nextVersion: number | undefined
    if (isVersioned) {
      columns.push(level.columnByKey.get(versionKey) as AnyColumn)
      tuple.push(state.committedValue(versionKey))
      nextVersion = Number(state.committedValue(versionKey)) + 1
      part[versionKey] = nextVersion
    }
    const result = await context.connection.execute(update(level.table).values(part as never).where(matchOne(columns, tuple)))
    if (result.rowCount !== 1) {
      throw isVersioned ? StaleDataError.versionMismatch('UPDATE', level.table.name, versionKey, 1, result.rowCount) : StaleDataError.rowCountMismatch('UPDATE', level.table.name, 1, result.rowCount)
    }
    if (isVersioned) context.undo.write(state, versionKey, nextVersion)
  }
}

/**
 * DELETEs the rows of objects of a joined-table subclass, the subclass's table first and the root
 * table last (whose rows the others point at); with a version column, the root table's DELETE
 * checks it and a mismatch throws `StaleDataError` (the flush then rolls all of it back).
 *
 * ```ts
 * await deleteJoinedRows(context, mapperOf(Manager), states) // DELETE FROM managers …; DELETE FROM employees …
 * ```
 */
export async function deleteJoinedRows(context: InsertContext, mapper: EntityMapper, states: readonly InstanceState[]): Promise<void> {
  const levels = mapper.levels as readonly TableLevel[]
  const { versionKey } = mapper
  const maxParameters = context.capabilities.maxParameters
  for (const level of [...levels].reverse()) {
    const columns: AnyColumn[] = level.keyPairs.map((pair) => pair.column)
    const isVersioned = level === levels[0] && versionKey !== undefined
    if (isVersioned) columns.push(level.columnByKey.get(versionKey) as AnyColumn)
    const tuples = states.map((state) => [...mapper.primaryKeyKeys, ...(isVersioned ? [versionKey] : [])].map((key) => state.committedValue(key)))
    for (const part of chunk(tuples, columns.length, maxParameters)) {
      const result = await context.connection.execute(deleteFrom(level.table).where(matchAny(columns, part)))
      if (isVersioned && result.rowCount !== part.length) throw StaleDataError.versionMismatch('DELETE', level.table.name, versionKey, part.length, result.rowCount)
    }
  }
}
