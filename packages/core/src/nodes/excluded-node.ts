import type { ColumnNode } from './column-node'

/**
 * The value an INSERT proposed for a column, read inside its conflict clause: `excluded."col"` on
 * PostgreSQL and SQLite, `values(col)` on MySQL and MariaDB.
 */
export interface ExcludedNode {
  readonly kind: 'ExcludedNode'
  /** The target table's column whose proposed value is read. */
  readonly column: ColumnNode
}

export const excludedNode = (column: ColumnNode): ExcludedNode => Object.freeze({ kind: 'ExcludedNode', column })
