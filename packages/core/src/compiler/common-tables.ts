import { CompileError } from '../errors/compile-error'
import type { CommonTableExpressionNode } from '../nodes/common-table-expression-node'
import type { ExpressionNode } from '../nodes/expression-node'
import type { FromNode } from '../nodes/from-node'
import type { QueryNode } from '../nodes/query-node'
import { childExpressions, nestedQuery } from './expression-children'

/**
 * The CTEs a query reads anywhere (FROM, joins, columns, nested subqueries), each once and after
 * the CTEs its own query reads: the WITH clause of the outermost statement, in order.
 * A CTE is known by its name, so a recursive CTE's reference to itself (the anchor-only CTE that
 * `cte.unionAll(…)` joined) is the CTE being defined, not a second one.
 */
export function commonTablesUsedBy(query: QueryNode): CommonTableExpressionNode[] {
  const seen = new Map<string, CommonTableExpressionNode>()
  const ordered: CommonTableExpressionNode[] = []

  const visitSource = (source: FromNode): void => {
    if (source.kind === 'SubqueryNode') visitQuery(source.query)
    if (source.kind !== 'CommonTableExpressionNode') return
    const known = seen.get(source.name)
    if (known !== undefined) {
      // Two recursive CTEs of one name are a CTE and its anchor; two plain ones must be the same.
      if (!known.isRecursive && !source.isRecursive && known.query !== source.query) throw new CompileError(`Two different CTEs are named "${source.name}"; rename one.`)
      return
    }
    seen.set(source.name, source)
    visitQuery(source.query)
    ordered.push(source)
  }

  const visitExpression = (node: ExpressionNode): void => {
    if (node.kind === 'ColumnNode' && node.table) visitSource(node.table)
    const query = nestedQuery(node)
    if (query) visitQuery(query)
    childExpressions(node).forEach(visitExpression)
  }

  const visitQuery = (node: QueryNode): void => {
    if (node.kind === 'CompoundSelectNode') {
      visitQuery(node.first)
      node.members.forEach((member) => visitQuery(member.query))
      node.orderBy.forEach((term) => visitExpression(term.expression))
      return
    }
    node.from.forEach(visitSource)
    for (const join of node.joins) {
      visitSource(join.source)
      if (join.on) visitExpression(join.on)
    }
    const expressions = [...node.columns.map((column) => column.expression), ...node.distinctOn, ...node.groupBy, ...node.orderBy.map((term) => term.expression)]
    for (const expression of [...expressions, node.where, node.having]) if (expression) visitExpression(expression)
  }

  visitQuery(query)
  return ordered
}
