import type { SqlType } from '../schema/sql-type'

/** A named parameter whose value is given at execution time (`:name` in `text()`). */
export interface ParameterNode {
  readonly kind: 'ParameterNode'
  readonly name: string
  readonly type: SqlType | undefined
}

export const parameterNode = (name: string, type?: SqlType): ParameterNode => Object.freeze({ kind: 'ParameterNode', name, type })
