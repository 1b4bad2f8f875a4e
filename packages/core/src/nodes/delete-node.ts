import type { ExpressionNode } from './expression-node'
import type { ResultColumn } from './result-column'
import type { TableNode } from './table-node'

/** `DELETE FROM table [WHERE …] [RETURNING …]`. */
export interface DeleteNode {
  readonly kind: 'DeleteNode'
  readonly table: TableNode
  readonly where: ExpressionNode | undefined
  readonly returning: readonly ResultColumn[]
}

export const deleteNode = (table: TableNode): DeleteNode => Object.freeze({ kind: 'DeleteNode', table, where: undefined, returning: Object.freeze([]) })

export const withDeleteWhere = (node: DeleteNode, where: ExpressionNode): DeleteNode => Object.freeze({ ...node, where })

export const withDeleteReturning = (node: DeleteNode, returning: readonly ResultColumn[]): DeleteNode =>
  Object.freeze({ ...node, returning: Object.freeze([...returning]) })
