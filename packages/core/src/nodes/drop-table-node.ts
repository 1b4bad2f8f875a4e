import type { TableNode } from './table-node'

/** `DROP TABLE [IF EXISTS] table`. */
export interface DropTableNode {
  readonly kind: 'DropTableNode'
  readonly table: TableNode
  readonly ifExists: boolean
}

export const dropTableNode = (table: TableNode, ifExists: boolean): DropTableNode => Object.freeze({ kind: 'DropTableNode', table, ifExists })
