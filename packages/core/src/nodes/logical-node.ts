import type { ExpressionNode } from './expression-node'

/** `a AND b AND …` or `a OR b OR …`. */
export interface LogicalNode {
  readonly kind: 'LogicalNode'
  readonly operator: 'and' | 'or'
  readonly operands: readonly ExpressionNode[]
}

export const logicalNode = (operator: 'and' | 'or', operands: readonly ExpressionNode[]): LogicalNode =>
  Object.freeze({ kind: 'LogicalNode', operator, operands: Object.freeze([...operands]) })
