import type { ExpressionNode } from './expression-node'

/** A SQL fragment written by the user, with bound values between its text parts (`sql\`…\``). */
export interface RawSqlNode {
  readonly kind: 'RawSqlNode'
  /** One more text part than values: text[0] value[0] text[1] … text[n]. */
  readonly parts: readonly string[]
  readonly values: readonly ExpressionNode[]
}

export const rawSqlNode = (parts: readonly string[], values: readonly ExpressionNode[]): RawSqlNode =>
  Object.freeze({ kind: 'RawSqlNode', parts: Object.freeze([...parts]), values: Object.freeze([...values]) })
