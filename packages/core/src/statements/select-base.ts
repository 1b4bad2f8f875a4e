import type { QueryNode } from '../nodes/query-node'

/**
 * What `select(…)` and compound selects (`union`, …) have in common: a query yielding rows of type
 * `Row`. Anything of this shape may become a subquery, a CTE, a set-operation member, or the
 * operand of `exists(…)` and `in(…)`.
 */
export interface SelectBase<Row> {
  readonly node: QueryNode
  /** Phantom: the row type. */
  readonly __row?: Row
}

/**
 * The rows of a one-column query whose value is `T`: `scalarSubquery()` reads `T` from them (a
 * `this` parameter, so the row type of `Select` stays covariant).
 */
export type ScalarRow<T> = { readonly [key: string]: T }
