import { ArgumentError } from '../errors/argument-error'
import { existsNode } from '../nodes/exists-node'
import { type QueryNode, resultColumnsOfQuery } from '../nodes/query-node'
import { scalarSubqueryNode } from '../nodes/scalar-subquery-node'
import type { SqlType } from '../schema/sql-type'
import type { SelectBase } from '../statements/select-base'
import { condition, Expression } from './expression'

/**
 * `EXISTS (select …)`: true when the query returns a row. A query that reads the enclosing query's
 * tables is correlated automatically:
 * ```ts
 * select(users.c.name).where(exists(select(posts.c.id).where(posts.c.userId.eq(users.c.id))))
 * ```
 */
export function exists(query: SelectBase<unknown>): Expression<boolean> {
  return condition(existsNode(query.node, false))
}

/** `NOT EXISTS (select …)`: `select(users.c.name).where(notExists(select(posts.c.id).where(posts.c.userId.eq(users.c.id))))`. */
export function notExists(query: SelectBase<unknown>): Expression<boolean> {
  return condition(existsNode(query.node, true))
}

/**
 * A one-column query as a value, typed by that column; NULL when it returns no row. What
 * `select(…).scalarSubquery()` returns.
 */
export function scalarSubqueryOf<T>(query: QueryNode): Expression<T> {
  const column = singleColumnOf(query, 'scalarSubquery()')
  return new Expression<T>(scalarSubqueryNode(query), column.type as SqlType<T> | undefined)
}

/** The one result column of a query used as a value or an IN list; more than one is an error. */
export function singleColumnOf(query: QueryNode, use: string): ReturnType<typeof resultColumnsOfQuery>[number] {
  const columns = resultColumnsOfQuery(query)
  if (columns.length !== 1) throw new ArgumentError(`${use}: the query must select exactly one column, not ${columns.length}.`)
  return columns[0]
}
