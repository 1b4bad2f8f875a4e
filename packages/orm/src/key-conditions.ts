import { type AnyColumn, type Condition, and, or } from '@athanor/core'

/**
 * A condition matching any of the given value tuples on `columns`: `col IN (…)` for one column,
 * `(a = ? AND b = ?) OR …` for a composite key.
 *
 * ```ts
 * matchAny([posts.c.id], [[1], [2]]) // posts.id IN (1, 2)
 * ```
 */
export function matchAny(columns: readonly AnyColumn[], tuples: readonly (readonly unknown[])[]): Condition {
  if (columns.length === 1) return columns[0].in(tuples.map((tuple) => tuple[0]))
  const each = tuples.map((tuple) => and(...columns.map((column, index) => column.eq(tuple[index]))))
  return each.length === 1 ? each[0] : or(...each)
}

/** Exactly one value tuple: `a = ? AND b = ?`. */
export function matchOne(columns: readonly AnyColumn[], tuple: readonly unknown[]): Condition {
  return columns.length === 1 ? columns[0].eq(tuple[0]) : and(...columns.map((column, index) => column.eq(tuple[index])))
}

/**
 * Splits a list so that each part, at `valuesPerItem` bound values per item, stays under the
 * driver's `maxParameters` (with room for the rest of the statement).
 */
export function chunk<T>(items: readonly T[], valuesPerItem: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor((maxParameters - 16) / Math.max(1, valuesPerItem)))
  const parts: T[][] = []
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size))
  return parts
}

/** A string key for a value tuple (to group rows by foreign key values). */
export function tupleKey(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'bigint' ? `${value}` : JSON.stringify(value))).join('\u0000')
}
