import type { ExpressionNode } from './expression-node'

export type BinaryOperator = '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%'

/** `left operator right` for comparisons and arithmetic. */
export interface BinaryOperationNode {
  readonly kind: 'BinaryOperationNode'
  readonly operator: BinaryOperator
  readonly left: ExpressionNode
  readonly right: ExpressionNode
}

export const binaryOperationNode = (left: ExpressionNode, operator: BinaryOperator, right: ExpressionNode): BinaryOperationNode =>
  Object.freeze({ kind: 'BinaryOperationNode', operator, left, right })
