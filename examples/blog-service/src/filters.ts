import { and, type Condition } from '@athanor/core'

/**
 * `statement.where(...conditions)` when there are any, else the statement as is: a list route's
 * filters are all optional.
 */
export function whereAll<S extends { where(...conditions: Condition[]): S }>(statement: S, conditions: readonly Condition[]): S {
  // Core compiles `.where()` with no argument to a bare WHERE keyword, so it is never called empty.
  return conditions.length === 0 ? statement : statement.where(and(...conditions))
}
