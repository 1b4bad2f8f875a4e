import type { ColumnSchema } from '../schema/table-schema'
import type { TableNode } from './table-node'

/** `ALTER TABLE table ADD COLUMN definition`. */
export interface AddColumnNode {
  readonly kind: 'AddColumnNode'
  readonly table: TableNode
  readonly column: ColumnSchema
}

export const addColumnNode = (table: TableNode, column: ColumnSchema): AddColumnNode => Object.freeze({ kind: 'AddColumnNode', table, column })
