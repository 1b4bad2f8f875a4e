import type { QueryNode } from './query-node'

/**
 * A common table expression: named in FROM or a join, defined once in the statement's WITH clause.
 * Its columns are the query's row keys.
 */
export interface CommonTableExpressionNode {
  readonly kind: 'CommonTableExpressionNode'
  readonly name: string
  readonly query: QueryNode
  /** WITH RECURSIVE: the query may read the CTE itself. */
  readonly isRecursive: boolean
}

export const commonTableExpressionNode = (name: string, query: QueryNode, isRecursive: boolean): CommonTableExpressionNode =>
  Object.freeze({ kind: 'CommonTableExpressionNode', name, query, isRecursive })

/** The same CTE (same name) defined by another query, as `cte.unionAll(…)` makes. */
export const withCommonTableQuery = (node: CommonTableExpressionNode, query: QueryNode): CommonTableExpressionNode =>
  commonTableExpressionNode(node.name, query, node.isRecursive)
