import type { ColumnNode } from './column-node'
import type { ExpressionNode } from './expression-node'
import type { ResultColumn } from './result-column'
import type { TableNode } from './table-node'

/** `INSERT INTO table (columns) VALUES (…), (…) [RETURNING …]`. */
export interface InsertNode {
  readonly kind: 'InsertNode'
  readonly table: TableNode
  readonly columns: readonly ColumnNode[]
  /** One list of values per row, in the order of `columns`. */
  readonly rows: readonly (readonly ExpressionNode[])[]
  readonly returning: readonly ResultColumn[]
}

export const insertNode = (table: TableNode): InsertNode =>
  Object.freeze({ kind: 'InsertNode', table, columns: Object.freeze([]), rows: Object.freeze([]), returning: Object.freeze([]) })

export const withValues = (node: InsertNode, columns: readonly ColumnNode[], rows: readonly (readonly ExpressionNode[])[]): InsertNode =>
  Object.freeze({ ...node, columns: Object.freeze([...columns]), rows: Object.freeze(rows.map((row) => Object.freeze([...row]))) })

export const withInsertReturning = (node: InsertNode, returning: readonly ResultColumn[]): InsertNode =>
  Object.freeze({ ...node, returning: Object.freeze([...returning]) })
