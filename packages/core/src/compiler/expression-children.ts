import type { ExpressionNode } from '../nodes/expression-node'
import type { QueryNode } from '../nodes/query-node'

type ExpressionKind = ExpressionNode['kind']
type ExpressionOf<K extends ExpressionKind> = Extract<ExpressionNode, { kind: K }>

const NONE: readonly ExpressionNode[] = Object.freeze([])

// One entry per expression kind, so a new kind fails type-check until its children are listed here.
const children: { readonly [K in ExpressionKind]: (node: ExpressionOf<K>) => readonly ExpressionNode[] } = {
  ColumnNode: () => NONE,
  ValueNode: () => NONE,
  ParameterNode: () => NONE,
  StarNode: () => NONE,
  // The proposed row of an upsert is not read from any FROM source.
  ExcludedNode: () => NONE,
  BinaryOperationNode: (node) => [node.left, node.right],
  LogicalNode: (node) => node.operands,
  ConcatNode: (node) => node.operands,
  NotNode: (node) => [node.operand],
  IsNullNode: (node) => [node.operand],
  InListNode: (node) => [node.operand, ...node.values],
  BetweenNode: (node) => [node.operand, node.low, node.high],
  LikeNode: (node) => [node.operand, node.pattern],
  FunctionNode: (node) => node.args,
  LabelNode: (node) => [node.expression],
  CastNode: (node) => [node.expression],
  CaseNode: (node) => [...node.whens.flatMap((when) => [when.condition, when.result]), ...(node.otherwise ? [node.otherwise] : [])],
  RawSqlNode: (node) => node.values,
  // The expressions inside a subquery belong to the subquery: see nestedQuery.
  ScalarSubqueryNode: () => NONE,
  ExistsNode: () => NONE,
  InSubqueryNode: (node) => [node.operand],
  WindowFunctionNode: (node) => [
    node.function,
    ...node.partitionBy,
    ...node.orderBy.map((term) => term.expression),
    ...[node.frame?.start.offset, node.frame?.end.offset].filter((offset) => offset !== undefined),
  ],
}

/** The expressions directly inside an expression node, not counting those of a query it holds. */
export function childExpressions(node: ExpressionNode): readonly ExpressionNode[] {
  return (children[node.kind] as (node: ExpressionNode) => readonly ExpressionNode[])(node)
}

/** The query an expression holds: a scalar subquery, EXISTS, or IN (select …). */
export function nestedQuery(node: ExpressionNode): QueryNode | undefined {
  return node.kind === 'ScalarSubqueryNode' || node.kind === 'ExistsNode' || node.kind === 'InSubqueryNode' ? node.query : undefined
}
