import type { ExpressionNode } from './expression-node'

/** `operand [NOT] BETWEEN low AND high`. */
export interface BetweenNode {
  readonly kind: 'BetweenNode'
  readonly operand: ExpressionNode
  readonly low: ExpressionNode
  readonly high: ExpressionNode
  readonly isNegated: boolean
}

export const betweenNode = (operand: ExpressionNode, low: ExpressionNode, high: ExpressionNode, isNegated: boolean): BetweenNode =>
  Object.freeze({ kind: 'BetweenNode', operand, low, high, isNegated })
