import type { TableNode } from './table-node'

/** `ALTER TABLE table DROP COLUMN column`. */
export interface DropColumnNode {
  readonly kind: 'DropColumnNode'
  readonly table: TableNode
  readonly column: string
}

export const dropColumnNode = (table: TableNode, column: string): DropColumnNode => Object.freeze({ kind: 'DropColumnNode', table, column })
