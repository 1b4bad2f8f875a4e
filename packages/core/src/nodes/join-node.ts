import type { ExpressionNode } from './expression-node'
import type { FromNode } from './from-node'

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'cross'

/** `INNER|LEFT|RIGHT|FULL JOIN source ON condition`, or `CROSS JOIN source` (no condition). */
export interface JoinNode {
  readonly kind: 'JoinNode'
  readonly joinType: JoinType
  readonly source: FromNode
  /** Undefined only for a cross join. */
  readonly on: ExpressionNode | undefined
}

export const joinNode = (joinType: JoinType, source: FromNode, on: ExpressionNode | undefined): JoinNode =>
  Object.freeze({ kind: 'JoinNode', joinType, source, on })
