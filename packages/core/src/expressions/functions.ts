import { functionNode } from '../nodes/function-node'
import { starNode } from '../nodes/star-node'
import { type SqlType, INTEGER_TYPE, REAL_TYPE, TEXT_TYPE, TIMESTAMP_TYPE } from '../schema/sql-type'
import { Expression, type Operand, toOperandNode } from './expression'

/** Functions with a known result type; any other name is also callable and yields `Expression<unknown>`. */
export interface KnownFunctions {
  /** `count(*)`, or `count(expr)`. */
  count(expression?: Expression<unknown>): Expression<number>
  sum<T extends number | bigint | string | null>(expression: Expression<T>): Expression<T | null>
  avg(expression: Expression<number | string | bigint | null>): Expression<number | null>
  min<T>(expression: Expression<T>): Expression<T | null>
  max<T>(expression: Expression<T>): Expression<T | null>
  lower(expression: Operand<string>): Expression<string>
  upper(expression: Operand<string>): Expression<string>
  length(expression: Operand<string>): Expression<number>
  abs<T extends number | null>(expression: Expression<T>): Expression<T>
  coalesce<T>(...expressions: Operand<T>[]): Expression<T>
  /** The current timestamp (CURRENT_TIMESTAMP with milliseconds where the database allows). */
  now(): Expression<Date>
}

export type FunctionFactory = KnownFunctions & { readonly [name: string]: (...args: unknown[]) => Expression<unknown> }

const resultTypes: Record<string, SqlType | undefined> = {
  count: INTEGER_TYPE,
  avg: REAL_TYPE,
  lower: TEXT_TYPE,
  upper: TEXT_TYPE,
  length: INTEGER_TYPE,
  now: TIMESTAMP_TYPE,
}

/** Result type follows the first argument's (sum, min, max, abs, coalesce). */
const typeFollowsArgument = new Set(['sum', 'min', 'max', 'abs', 'coalesce'])

function callFunction(name: string, args: readonly unknown[]): Expression<unknown> {
  if (name === 'count' && args.length === 0) return new Expression(functionNode('count', [starNode]), INTEGER_TYPE)
  const first = args[0]
  const argumentType = first instanceof Expression ? first.sqlType : undefined
  const resultType = typeFollowsArgument.has(name) ? argumentType : resultTypes[name]
  return new Expression(functionNode(name, args.map((a) => toOperandNode(a, argumentType))), resultType)
}

/**
 * SQL functions: `func.count()`, `func.sum(posts.c.views)`, `func.anyName(a, b)`.
 * A name is written as given (`func.jsonExtract` → `jsonExtract(…)`), except the names dialects map.
 */
export const func: FunctionFactory = new Proxy({} as FunctionFactory, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined
    return (...args: unknown[]) => callFunction(name, args)
  },
})
