import type { ExpressionNode } from '../nodes/expression-node'
import type { TableNode } from '../nodes/table-node'
import type { ReferentialAction } from './column-builder'
import type { SqlType } from './sql-type'

/** A table's definition resolved to plain data, as DDL compilers read it. */
export interface TableSchema {
  readonly table: TableNode
  readonly columns: readonly ColumnSchema[]
  /** SQL names of the primary key columns, in order. */
  readonly primaryKey: readonly string[]
  readonly foreignKeys: readonly ForeignKeySchema[]
  readonly uniques: readonly UniqueSchema[]
  readonly checks: readonly CheckSchema[]
  readonly indexes: readonly IndexSchema[]
}

export interface ColumnSchema {
  readonly name: string
  readonly type: SqlType
  readonly isNullable: boolean
  readonly isAutoincrement: boolean
  readonly serverDefault: ExpressionNode | undefined
}

export interface ForeignKeySchema {
  readonly name: string | undefined
  readonly columns: readonly string[]
  readonly referencedTable: TableNode
  readonly referencedColumns: readonly string[]
  readonly onDelete: ReferentialAction | undefined
  readonly onUpdate: ReferentialAction | undefined
}

export interface UniqueSchema {
  readonly name: string | undefined
  readonly columns: readonly string[]
}

export interface CheckSchema {
  readonly name: string | undefined
  readonly condition: ExpressionNode
}

export interface IndexSchema {
  readonly name: string
  readonly columns: readonly string[]
  readonly isUnique: boolean
}
