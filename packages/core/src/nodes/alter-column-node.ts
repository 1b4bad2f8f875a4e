import type { ColumnSchema } from '../schema/table-schema'
import type { TableNode } from './table-node'

/**
 * Changes a column's type, nullability or server default in place (not its name: see RenameColumnNode).
 * Carries both definitions, since some databases restate the whole column (MySQL's MODIFY).
 */
export interface AlterColumnNode {
  readonly kind: 'AlterColumnNode'
  readonly table: TableNode
  readonly from: ColumnSchema
  readonly to: ColumnSchema
}

export const alterColumnNode = (table: TableNode, from: ColumnSchema, to: ColumnSchema): AlterColumnNode => Object.freeze({ kind: 'AlterColumnNode', table, from, to })
