import type { QueryNode } from './query-node'

/** A query in FROM or a join, `(select …) as "name"`; its columns are the query's row keys. */
export interface SubqueryNode {
  readonly kind: 'SubqueryNode'
  readonly query: QueryNode
  readonly name: string
}

export const subqueryNode = (query: QueryNode, name: string): SubqueryNode => Object.freeze({ kind: 'SubqueryNode', query, name })
