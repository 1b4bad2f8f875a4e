import type { ColumnNode } from './column-node'
import type { ExpressionNode } from './expression-node'
import type { Assignment } from './update-node'

/**
 * What an INSERT does with a row that collides with a unique key: skip it, or update the existing
 * row. One neutral clause for every database; each compiler spells it (`ON CONFLICT … DO …` on
 * PostgreSQL and SQLite, `ON DUPLICATE KEY UPDATE …` on MySQL). It is compiled by its InsertNode,
 * which is why it is not one of the visited node kinds.
 */
export interface OnConflictNode {
  readonly kind: 'OnConflictNode'
  /** The unique columns that define a conflict; empty means "any unique key". */
  readonly target: readonly ColumnNode[]
  readonly action: 'nothing' | 'update'
  /** `SET` of `DO UPDATE`; empty for `DO NOTHING`. */
  readonly assignments: readonly Assignment[]
  /** Only update existing rows for which this holds (`DO UPDATE … WHERE`). */
  readonly where: ExpressionNode | undefined
}

export const onConflictDoNothingNode = (target: readonly ColumnNode[]): OnConflictNode =>
  Object.freeze({ kind: 'OnConflictNode', target: Object.freeze([...target]), action: 'nothing', assignments: Object.freeze([]), where: undefined })

export const onConflictDoUpdateNode = (target: readonly ColumnNode[], assignments: readonly Assignment[], where: ExpressionNode | undefined): OnConflictNode =>
  Object.freeze({
    kind: 'OnConflictNode',
    target: Object.freeze([...target]),
    action: 'update',
    assignments: Object.freeze(assignments.map((assignment) => Object.freeze({ ...assignment }))),
    where,
  })
