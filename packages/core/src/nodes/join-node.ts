import type { ExpressionNode } from './expression-node'
import type { TableNode } from './table-node'

export type JoinType = 'inner' | 'left'

/** `[INNER|LEFT OUTER] JOIN source ON condition`. */
export interface JoinNode {
  readonly kind: 'JoinNode'
  readonly joinType: JoinType
  readonly source: TableNode
  readonly on: ExpressionNode
}

export const joinNode = (joinType: JoinType, source: TableNode, on: ExpressionNode): JoinNode => Object.freeze({ kind: 'JoinNode', joinType, source, on })
