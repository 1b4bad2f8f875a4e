import type { SqlType } from '../schema/sql-type'
import type { FromNode } from './from-node'

/** A column reference, qualified by the table, alias, subquery or CTE it is read from. */
export interface ColumnNode {
  readonly kind: 'ColumnNode'
  readonly table: FromNode | undefined
  /** The SQL column name (for a subquery or CTE: the row key of its query). */
  readonly name: string
  /** Undefined for a subquery column whose expression has no known type. */
  readonly type: SqlType | undefined
}

export const columnNode = (table: FromNode | undefined, name: string, type: SqlType | undefined): ColumnNode =>
  Object.freeze({ kind: 'ColumnNode', table, name, type })
