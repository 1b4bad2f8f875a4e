import { functionNode } from '../nodes/function-node'
import { starNode } from '../nodes/star-node'
import { type SqlType, INTEGER_TYPE, REAL_TYPE, TEXT_TYPE, TIMESTAMP_TYPE } from '../schema/sql-type'
import { Expression, type Operand, toOperandNode } from './expression'
import { FunctionExpression } from './function-expression'

/**
 * Functions with a known result type; any other name is also callable and yields
 * `FunctionExpression<unknown>`. Every call can become a window function with `.over({ … })`.
 */
export interface KnownFunctions {
  /** `count(*)`, or `count(expr)`. */
  count(expression?: Expression<unknown>): FunctionExpression<number>
  sum<T extends number | bigint | string | null>(expression: Expression<T>): FunctionExpression<T | null>
  avg(expression: Expression<number | string | bigint | null>): FunctionExpression<number | null>
  min<T>(expression: Expression<T>): FunctionExpression<T | null>
  max<T>(expression: Expression<T>): FunctionExpression<T | null>
  lower(expression: Operand<string>): FunctionExpression<string>
  upper(expression: Operand<string>): FunctionExpression<string>
  length(expression: Operand<string>): FunctionExpression<number>
  abs<T extends number | null>(expression: Expression<T>): FunctionExpression<T>
  coalesce<T>(...expressions: Operand<T>[]): FunctionExpression<T>
  /** The current timestamp (CURRENT_TIMESTAMP with milliseconds where the database allows). */
  now(): FunctionExpression<Date>

  // Window functions (use with `.over({ … })`); written in SQL as row_number, dense_rank, ….
  /** `row_number()`: 1, 2, 3… within the partition. */
  rowNumber(): FunctionExpression<number>
  /** `rank()`: ties share a rank, leaving gaps. */
  rank(): FunctionExpression<number>
  /** `dense_rank()`: ties share a rank, without gaps. */
  denseRank(): FunctionExpression<number>
  /** `percent_rank()`: (rank - 1) / (rows - 1), from 0 to 1. */
  percentRank(): FunctionExpression<number>
  /** `cume_dist()`: the fraction of rows up to and including this one's peers. */
  cumeDist(): FunctionExpression<number>
  /** `ntile(buckets)`: the bucket number, 1 to `buckets`. */
  ntile(buckets: number): FunctionExpression<number>
  /** `lag(expr [, offset [, default]])`: the value `offset` rows before (NULL before the first). */
  lag<T>(expression: Expression<T>, offset?: number, defaultValue?: Operand<T>): FunctionExpression<T | null>
  /** `lead(expr [, offset [, default]])`: the value `offset` rows after (NULL after the last). */
  lead<T>(expression: Expression<T>, offset?: number, defaultValue?: Operand<T>): FunctionExpression<T | null>
  /** `first_value(expr)` in the frame. */
  firstValue<T>(expression: Expression<T>): FunctionExpression<T | null>
  /** `last_value(expr)` in the frame (which ends at the current row unless a frame says otherwise). */
  lastValue<T>(expression: Expression<T>): FunctionExpression<T | null>
  /** `nth_value(expr, n)` in the frame. */
  nthValue<T>(expression: Expression<T>, n: number): FunctionExpression<T | null>
}

export type FunctionFactory = KnownFunctions & { readonly [name: string]: (...args: unknown[]) => FunctionExpression<unknown> }

const resultTypes: Record<string, SqlType | undefined> = {
  count: INTEGER_TYPE,
  avg: REAL_TYPE,
  lower: TEXT_TYPE,
  upper: TEXT_TYPE,
  length: INTEGER_TYPE,
  now: TIMESTAMP_TYPE,
  rowNumber: INTEGER_TYPE,
  rank: INTEGER_TYPE,
  denseRank: INTEGER_TYPE,
  ntile: INTEGER_TYPE,
  percentRank: REAL_TYPE,
  cumeDist: REAL_TYPE,
}

/** Result type follows the first argument's. */
const typeFollowsArgument = new Set(['sum', 'min', 'max', 'abs', 'coalesce', 'lag', 'lead', 'firstValue', 'lastValue', 'nthValue'])

/** The window functions' SQL names; every other name is written as given. */
const sqlNames: Readonly<Record<string, string>> = {
  rowNumber: 'row_number',
  denseRank: 'dense_rank',
  percentRank: 'percent_rank',
  cumeDist: 'cume_dist',
  firstValue: 'first_value',
  lastValue: 'last_value',
  nthValue: 'nth_value',
}

function callFunction(name: string, args: readonly unknown[]): FunctionExpression<unknown> {
  if (name === 'count' && args.length === 0) return new FunctionExpression(functionNode('count', [starNode]), INTEGER_TYPE)
  const first = args[0]
  const argumentType = first instanceof Expression ? first.sqlType : undefined
  const resultType = typeFollowsArgument.has(name) ? argumentType : resultTypes[name]
  // Only the value arguments of lag/lead/coalesce… share the first argument's type; a count or
  // offset (ntile(4), lag(x, 2), nth_value(x, 3)) is typed by its own value.
  const nodes = args.map((arg, index) => toOperandNode(arg, index === 0 || isValueArgument(name, index) ? argumentType : undefined))
  return new FunctionExpression(functionNode(sqlNames[name] ?? name, nodes), resultType)
}

// lag(x, offset, default) and lead: the default is a value like x; coalesce: every argument is.
function isValueArgument(name: string, index: number): boolean {
  if (name === 'lag' || name === 'lead') return index === 2
  return name !== 'ntile' && name !== 'nthValue'
}

/**
 * SQL functions: `func.count()`, `func.sum(posts.c.views)`, `func.rowNumber().over({ orderBy: … })`,
 * `func.anyName(a, b)`. A name is written as given (`func.jsonExtract` → `jsonExtract(…)`), except
 * the window functions' (`rowNumber` → `row_number`) and the names dialects map (`now`).
 */
export const func: FunctionFactory = new Proxy({} as FunctionFactory, {
  get(_target, name) {
    if (typeof name !== 'string') return undefined
    return (...args: unknown[]) => callFunction(name, args)
  },
})
