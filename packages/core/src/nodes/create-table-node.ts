import type { TableSchema } from '../schema/table-schema'

/** `CREATE TABLE [IF NOT EXISTS] …` from a table's resolved definition. */
export interface CreateTableNode {
  readonly kind: 'CreateTableNode'
  readonly table: TableSchema
  readonly ifNotExists: boolean
}

export const createTableNode = (table: TableSchema, ifNotExists: boolean): CreateTableNode =>
  Object.freeze({ kind: 'CreateTableNode', table, ifNotExists })
