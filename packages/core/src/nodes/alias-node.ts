import type { TableNode } from './table-node'

/** A table under another name, `"users" as "u"`; its columns are qualified by the alias. */
export interface AliasNode {
  readonly kind: 'AliasNode'
  readonly table: TableNode
  /** The alias: the name that qualifies columns read through it. */
  readonly name: string
}

export const aliasNode = (table: TableNode, name: string): AliasNode => Object.freeze({ kind: 'AliasNode', table, name })
