import type { TableNode } from './table-node'

/** `ALTER TABLE table RENAME TO newName`. */
export interface RenameTableNode {
  readonly kind: 'RenameTableNode'
  readonly table: TableNode
  readonly newName: string
}

export const renameTableNode = (table: TableNode, newName: string): RenameTableNode => Object.freeze({ kind: 'RenameTableNode', table, newName })
