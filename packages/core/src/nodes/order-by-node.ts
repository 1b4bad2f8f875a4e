import type { ExpressionNode } from './expression-node'

/** One ORDER BY term. */
export interface OrderByNode {
  readonly kind: 'OrderByNode'
  readonly expression: ExpressionNode
  readonly direction: 'asc' | 'desc' | undefined
  readonly nulls: 'first' | 'last' | undefined
}

export const orderByNode = (expression: ExpressionNode, direction?: 'asc' | 'desc', nulls?: 'first' | 'last'): OrderByNode =>
  Object.freeze({ kind: 'OrderByNode', expression, direction, nulls })

export const withNulls = (node: OrderByNode, nulls: 'first' | 'last'): OrderByNode => orderByNode(node.expression, node.direction, nulls)
