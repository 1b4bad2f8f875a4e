import type { SqlType } from '../schema/sql-type'

/** A JavaScript value, always sent as a bound parameter, never spliced into the SQL text. */
export interface ValueNode {
  readonly kind: 'ValueNode'
  readonly value: unknown
  /** Decides the type processor applied before the value reaches the driver. */
  readonly type: SqlType | undefined
}

export const valueNode = (value: unknown, type: SqlType | undefined): ValueNode => Object.freeze({ kind: 'ValueNode', value, type })
