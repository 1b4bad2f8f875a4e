import type { TableNode } from './table-node'

/** `DROP INDEX name` (MySQL needs the table: `DROP INDEX name ON table`). */
export interface DropIndexNode {
  readonly kind: 'DropIndexNode'
  readonly table: TableNode
  readonly name: string
}

export const dropIndexNode = (table: TableNode, name: string): DropIndexNode => Object.freeze({ kind: 'DropIndexNode', table, name })
