import type { QueryNode } from './query-node'

/** A one-column query used as a value, `(select …)`. */
export interface ScalarSubqueryNode {
  readonly kind: 'ScalarSubqueryNode'
  readonly query: QueryNode
}

export const scalarSubqueryNode = (query: QueryNode): ScalarSubqueryNode => Object.freeze({ kind: 'ScalarSubqueryNode', query })
