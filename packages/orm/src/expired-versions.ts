import { type AnyColumn, type Connection, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { StaleDataError } from './errors/stale-data-error'
import type { InstanceState } from './instance-state'
import { matchOne } from './key-conditions'

/**
 * Before a versioned UPDATE or DELETE, reads the version of each object whose version column was
 * expired (by a commit, `expire()`, a rollback) and not loaded since, as SQLAlchemy does: the
 * change is then checked against the version the row has now. A row that is gone throws
 * `StaleDataError`, as the UPDATE or DELETE itself would.
 *
 * ```ts
 * await loadExpiredVersions(connection, mapperOf(Document), [stateOf(document)], 'UPDATE')
 * ```
 */
export async function loadExpiredVersions(connection: Connection, mapper: EntityMapper, states: readonly InstanceState[], statement: 'UPDATE' | 'DELETE'): Promise<void> {
  const { versionKey } = mapper
  if (versionKey === undefined) return
  const versionColumn = mapper.columnByKey.get(versionKey) as AnyColumn
  for (const state of states) {
    if (state.values[versionKey] !== undefined || !(state.expired?.has(versionKey) ?? false)) continue
    const key = mapper.primaryKeyKeys.map((each) => state.committedValue(each))
    const row = (await connection.execute(select(versionColumn).where(matchOne(mapper.primaryKey, key)))).first() as Record<string, unknown> | undefined
    if (row === undefined) throw StaleDataError.rowCountMismatch(statement, versionColumn.table.name, 1, 0)
    state.refreshExpired({ [versionKey]: row[versionColumn.key] })
  }
}
