import type { ExpressionNode } from './expression-node'

/** String concatenation: `a || b` on most databases, `concat(a, b)` on MySQL. */
export interface ConcatNode {
  readonly kind: 'ConcatNode'
  readonly operands: readonly ExpressionNode[]
}

export const concatNode = (operands: readonly ExpressionNode[]): ConcatNode => Object.freeze({ kind: 'ConcatNode', operands: Object.freeze([...operands]) })
