import type { QueryNode } from './query-node'

/** `[NOT] EXISTS (select …)`. */
export interface ExistsNode {
  readonly kind: 'ExistsNode'
  readonly query: QueryNode
  readonly isNegated: boolean
}

export const existsNode = (query: QueryNode, isNegated: boolean): ExistsNode => Object.freeze({ kind: 'ExistsNode', query, isNegated })
