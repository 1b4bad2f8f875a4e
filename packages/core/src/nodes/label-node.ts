import type { ExpressionNode } from './expression-node'

/** `expression AS name`. */
export interface LabelNode {
  readonly kind: 'LabelNode'
  readonly expression: ExpressionNode
  readonly name: string
}

export const labelNode = (expression: ExpressionNode, name: string): LabelNode => Object.freeze({ kind: 'LabelNode', expression, name })
