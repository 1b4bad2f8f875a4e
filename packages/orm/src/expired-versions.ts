import { type AnyColumn, type Connection, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { StaleDataError } from './errors/stale-data-error'
import type { InstanceState } from './instance-state'
import { chunk, matchAny } from './key-conditions'

/**
 * Before a versioned UPDATE or DELETE, reads the version of each object whose version column was
 * expired (by a commit, `expire()`, a rollback) and not loaded since, one SELECT per batch of
 * objects, as SQLAlchemy does: the change is then checked against the version the row has now. A row that is gone throws
 * `StaleDataError`, as the UPDATE or DELETE itself would.
 *
 * ```ts
 * await loadExpiredVersions(connection, mapperOf(Document), [stateOf(document)], 'UPDATE')
 * ```
 */
export async function loadExpiredVersions(connection: Connection, mapper: EntityMapper, states: readonly InstanceState[], statement: 'UPDATE' | 'DELETE'): Promise<void> {
  const { versionKey } = mapper
  if (versionKey === undefined) return
  const missing = states.filter((state) => state.values[versionKey] === undefined && (state.expired?.has(versionKey) ?? false))
  if (missing.length === 0) return
  const versionColumn = mapper.columnByKey.get(versionKey) as AnyColumn
  const keyColumns = mapper.primaryKey
  // One SELECT per batch of objects (a DELETE of many expired objects reads them together).
  const byKey = new Map(missing.map((state) => [keyString(mapper.primaryKeyKeys.map((key) => state.committedValue(key))), state]))
  for (const part of chunk([...byKey.values()], keyColumns.length, connection.dialect.capabilities.maxParameters)) {
    const tuples = part.map((state) => mapper.primaryKeyKeys.map((key) => state.committedValue(key)))
    const rows = (await connection.execute(select(...keyColumns, versionColumn).where(matchAny(keyColumns, tuples)))).all() as Record<string, unknown>[]
    for (const row of rows) byKey.get(keyString(keyColumns.map((column) => row[column.key])))?.refreshExpired({ [versionKey]: row[versionColumn.key] })
  }
  const found = missing.filter((state) => state.values[versionKey] !== undefined).length
  if (found < missing.length) throw StaleDataError.rowCountMismatch(statement, versionColumn.table.name, missing.length, found)
}

function keyString(values: readonly unknown[]): string {
  return values.map(String).join('\u0000')
}
