import type { TableNode } from './table-node'

/** The kinds of named constraint a migration can drop; MySQL spells the DROP differently for each. */
export type ConstraintType = 'foreignKey' | 'unique' | 'check'

/** `ALTER TABLE t DROP CONSTRAINT name` (MySQL: `DROP FOREIGN KEY` / `DROP INDEX` / `DROP CONSTRAINT`). */
export interface DropConstraintNode {
  readonly kind: 'DropConstraintNode'
  readonly table: TableNode
  readonly name: string
  readonly type: ConstraintType
}

export const dropConstraintNode = (table: TableNode, name: string, type: ConstraintType): DropConstraintNode =>
  Object.freeze({ kind: 'DropConstraintNode', table, name, type })
