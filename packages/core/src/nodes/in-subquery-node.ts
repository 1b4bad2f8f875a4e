import type { ExpressionNode } from './expression-node'
import type { QueryNode } from './query-node'

/** `operand [NOT] IN (select …)`. */
export interface InSubqueryNode {
  readonly kind: 'InSubqueryNode'
  readonly operand: ExpressionNode
  readonly query: QueryNode
  readonly isNegated: boolean
}

export const inSubqueryNode = (operand: ExpressionNode, query: QueryNode, isNegated: boolean): InSubqueryNode =>
  Object.freeze({ kind: 'InSubqueryNode', operand, query, isNegated })
