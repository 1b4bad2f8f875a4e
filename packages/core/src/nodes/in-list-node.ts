import type { ExpressionNode } from './expression-node'

/** `operand [NOT] IN (v1, v2, …)`; an empty list compiles to a constant false (or true when negated). */
export interface InListNode {
  readonly kind: 'InListNode'
  readonly operand: ExpressionNode
  readonly values: readonly ExpressionNode[]
  readonly isNegated: boolean
}

export const inListNode = (operand: ExpressionNode, values: readonly ExpressionNode[], isNegated: boolean): InListNode =>
  Object.freeze({ kind: 'InListNode', operand, values: Object.freeze([...values]), isNegated })
