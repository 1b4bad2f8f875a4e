import type { SqlType } from '../schema/sql-type'
import type { ExpressionNode } from './expression-node'

/** A column of a statement's result: the row key it fills and the type that decodes it. */
export interface ResultColumn {
  readonly key: string
  readonly expression: ExpressionNode
  readonly type: SqlType | undefined
}

export const resultColumn = (key: string, expression: ExpressionNode, type: SqlType | undefined): ResultColumn =>
  Object.freeze({ key, expression, type })
