import type { ExpressionNode } from '../nodes/expression-node'
import { type FromNode, fromKey } from '../nodes/from-node'
import { childExpressions } from './expression-children'

/**
 * The FROM sources (tables, aliases, subqueries, CTEs) whose columns appear in the expressions, in
 * order of first use: the implicit FROM list. Queries nested in the expressions (scalar subqueries,
 * EXISTS, IN (select …)) are not entered: their columns belong to their own FROM.
 */
export function tablesReferencedBy(expressions: readonly ExpressionNode[]): FromNode[] {
  const found = new Map<string, FromNode>()
  const visit = (node: ExpressionNode): void => {
    if (node.kind === 'ColumnNode' && node.table && !found.has(fromKey(node.table))) found.set(fromKey(node.table), node.table)
    childExpressions(node).forEach(visit)
  }
  expressions.forEach(visit)
  return [...found.values()]
}
