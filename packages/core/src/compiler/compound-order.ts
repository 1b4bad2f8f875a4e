import { columnNode } from '../nodes/column-node'
import type { ExpressionNode } from '../nodes/expression-node'
import { type FromNode, fromKey } from '../nodes/from-node'
import { type OrderByNode, orderByNode } from '../nodes/order-by-node'
import type { ResultColumn } from '../nodes/result-column'

/**
 * The name a result column has in its query's output: the row key inside a subquery or CTE (where
 * selects alias every column by key), otherwise its label or column name.
 */
export function outputNameOf(column: ResultColumn, isAliasingByKey: boolean): string | undefined {
  if (isAliasingByKey) return column.key
  const expression = column.expression
  return expression.kind === 'LabelNode' || expression.kind === 'ColumnNode' ? expression.name : undefined
}

/**
 * A compound's ORDER BY term, made to name an output column. The databases sort a UNION's result by
 * its own columns: the members' table qualifiers are out of scope there (PostgreSQL, MySQL) or must
 * match a result column (SQLite). A term that selects one of the first member's columns becomes that
 * column's output name; another column is written unqualified.
 */
export function compoundOrderTerm(term: OrderByNode, columns: readonly ResultColumn[], isAliasingByKey: boolean): OrderByNode {
  const selected = columns.find((column) => isSameExpression(column.expression, term.expression))
  const name = selected ? outputNameOf(selected, isAliasingByKey) : term.expression.kind === 'ColumnNode' ? term.expression.name : undefined
  return name === undefined ? term : orderByNode(columnNode(undefined, name, undefined), term.direction, term.nulls)
}

function isSameExpression(selected: ExpressionNode, ordered: ExpressionNode): boolean {
  if (selected === ordered) return true
  if (selected.kind === 'LabelNode') return ordered.kind === 'LabelNode' ? ordered.name === selected.name : selected.expression === ordered
  return selected.kind === 'ColumnNode' && ordered.kind === 'ColumnNode' && selected.name === ordered.name && isSameSource(selected.table, ordered.table)
}

function isSameSource(a: FromNode | undefined, b: FromNode | undefined): boolean {
  return a === undefined || b === undefined ? a === b : fromKey(a) === fromKey(b)
}
