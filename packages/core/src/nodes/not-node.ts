import type { ExpressionNode } from './expression-node'

/** `NOT operand`. */
export interface NotNode {
  readonly kind: 'NotNode'
  readonly operand: ExpressionNode
}

export const notNode = (operand: ExpressionNode): NotNode => Object.freeze({ kind: 'NotNode', operand })
