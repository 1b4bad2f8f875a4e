import { excludedNode } from '../nodes/excluded-node'
import type { Column } from '../schema/column'
import { Expression } from './expression'

/**
 * The value the INSERT proposed for `column`, for use in `onConflictDoUpdate`'s `set` and `where`
 * (PostgreSQL/SQLite `excluded."col"`, MySQL/MariaDB `VALUES(col)`).
 *
 * ```ts
 * insert(counters).values({ name: "home", hits: 1 })
 *   .onConflictDoUpdate({ target: counters.c.name, set: { hits: counters.c.hits.add(excluded(counters.c.hits)) } })
 * ```
 */
export function excluded<T>(column: Column<T, string, boolean>): Expression<T> {
  return new Expression<T>(excludedNode(column.node), column.sqlType)
}
