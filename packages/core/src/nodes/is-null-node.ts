import type { ExpressionNode } from './expression-node'

/** `operand IS [NOT] NULL`. */
export interface IsNullNode {
  readonly kind: 'IsNullNode'
  readonly operand: ExpressionNode
  readonly isNegated: boolean
}

export const isNullNode = (operand: ExpressionNode, isNegated: boolean): IsNullNode => Object.freeze({ kind: 'IsNullNode', operand, isNegated })
