import type { SqlType } from '../schema/sql-type'
import type { ExpressionNode } from './expression-node'

/** `CAST(expression AS type)`; the dialect spells the type. */
export interface CastNode {
  readonly kind: 'CastNode'
  readonly expression: ExpressionNode
  readonly type: SqlType
}

export const castNode = (expression: ExpressionNode, type: SqlType): CastNode => Object.freeze({ kind: 'CastNode', expression, type })
