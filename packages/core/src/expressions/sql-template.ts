import { rawSqlNode } from '../nodes/raw-sql-node'
import { inferSqlType } from '../schema/sql-type'
import { Expression, toOperandNode } from './expression'

/**
 * A SQL fragment with bound values: sql<number>`${users.c.age} * ${2}`.
 * Interpolated JS values are bound parameters; interpolated expressions are compiled in place.
 */
export function sql<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Expression<T> {
  return new Expression<T>(rawSqlNode(strings, values.map((v) => toOperandNode(v, inferSqlType(v)))), undefined)
}
