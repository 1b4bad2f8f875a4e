import type { TableNode } from './table-node'

/** `ALTER TABLE table RENAME COLUMN from TO to`. */
export interface RenameColumnNode {
  readonly kind: 'RenameColumnNode'
  readonly table: TableNode
  readonly from: string
  readonly to: string
}

export const renameColumnNode = (table: TableNode, from: string, to: string): RenameColumnNode => Object.freeze({ kind: 'RenameColumnNode', table, from, to })
