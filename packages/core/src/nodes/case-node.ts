import type { ExpressionNode } from './expression-node'

export interface WhenClause {
  readonly condition: ExpressionNode
  readonly result: ExpressionNode
}

/** `CASE WHEN c THEN r … [ELSE e] END`. */
export interface CaseNode {
  readonly kind: 'CaseNode'
  readonly whens: readonly WhenClause[]
  readonly otherwise: ExpressionNode | undefined
}

export const caseNode = (whens: readonly WhenClause[], otherwise?: ExpressionNode): CaseNode =>
  Object.freeze({ kind: 'CaseNode', whens: Object.freeze(whens.map((w) => Object.freeze({ ...w }))), otherwise })

export const withOtherwise = (node: CaseNode, otherwise: ExpressionNode): CaseNode => caseNode(node.whens, otherwise)
