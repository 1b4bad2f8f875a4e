import type { CheckSchema, ForeignKeySchema, UniqueSchema } from '../schema/table-schema'
import type { TableNode } from './table-node'

/** The constraint an `ALTER TABLE … ADD CONSTRAINT` adds, tagged by its type. */
export type AddedConstraint =
  | { readonly type: 'foreignKey'; readonly foreignKey: ForeignKeySchema }
  | { readonly type: 'unique'; readonly unique: UniqueSchema }
  | { readonly type: 'check'; readonly check: CheckSchema }

/** `ALTER TABLE t ADD [CONSTRAINT name] FOREIGN KEY … | UNIQUE … | CHECK …` on an existing table. */
export interface AddConstraintNode {
  readonly kind: 'AddConstraintNode'
  readonly table: TableNode
  readonly constraint: AddedConstraint
}

export const addConstraintNode = (table: TableNode, constraint: AddedConstraint): AddConstraintNode =>
  Object.freeze({ kind: 'AddConstraintNode', table, constraint })
