import type { ExpressionNode } from './expression-node'

/** `operand [NOT] LIKE pattern`; case-insensitive matching is native (ILIKE) or emulated per dialect. */
export interface LikeNode {
  readonly kind: 'LikeNode'
  readonly operand: ExpressionNode
  readonly pattern: ExpressionNode
  readonly isCaseInsensitive: boolean
  readonly isNegated: boolean
}

export const likeNode = (operand: ExpressionNode, pattern: ExpressionNode, isCaseInsensitive: boolean, isNegated: boolean): LikeNode =>
  Object.freeze({ kind: 'LikeNode', operand, pattern, isCaseInsensitive, isNegated })
