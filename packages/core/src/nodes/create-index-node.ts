import type { IndexSchema } from '../schema/table-schema'
import type { TableNode } from './table-node'

/** `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (…)`. */
export interface CreateIndexNode {
  readonly kind: 'CreateIndexNode'
  readonly table: TableNode
  readonly index: IndexSchema
  readonly ifNotExists: boolean
}

export const createIndexNode = (table: TableNode, index: IndexSchema, ifNotExists: boolean): CreateIndexNode =>
  Object.freeze({ kind: 'CreateIndexNode', table, index, ifNotExists })
