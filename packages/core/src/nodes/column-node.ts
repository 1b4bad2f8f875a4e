import type { SqlType } from '../schema/sql-type'
import type { TableNode } from './table-node'

/** A column reference, qualified by the table (or alias) it is read from. */
export interface ColumnNode {
  readonly kind: 'ColumnNode'
  readonly table: TableNode | undefined
  /** The SQL column name. */
  readonly name: string
  readonly type: SqlType
}

export const columnNode = (table: TableNode | undefined, name: string, type: SqlType): ColumnNode =>
  Object.freeze({ kind: 'ColumnNode', table, name, type })
