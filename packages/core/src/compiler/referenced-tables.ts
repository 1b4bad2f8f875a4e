import type { ExpressionNode } from '../nodes/expression-node'
import type { TableNode } from '../nodes/table-node'

/** The tables whose columns appear in the expressions, in order of first use (the implicit FROM list). */
export function tablesReferencedBy(expressions: readonly ExpressionNode[]): TableNode[] {
  const found = new Map<string, TableNode>()
  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case 'ColumnNode':
        if (node.table && !found.has(tableKey(node.table))) found.set(tableKey(node.table), node.table)
        return
      case 'BinaryOperationNode':
        visit(node.left)
        visit(node.right)
        return
      case 'LogicalNode':
      case 'ConcatNode':
        node.operands.forEach(visit)
        return
      case 'NotNode':
      case 'IsNullNode':
        visit(node.operand)
        return
      case 'InListNode':
        visit(node.operand)
        node.values.forEach(visit)
        return
      case 'BetweenNode':
        visit(node.operand)
        visit(node.low)
        visit(node.high)
        return
      case 'LikeNode':
        visit(node.operand)
        visit(node.pattern)
        return
      case 'FunctionNode':
        node.args.forEach(visit)
        return
      case 'LabelNode':
      case 'CastNode':
        visit(node.expression)
        return
      case 'CaseNode':
        node.whens.forEach((when) => {
          visit(when.condition)
          visit(when.result)
        })
        if (node.otherwise) visit(node.otherwise)
        return
      case 'RawSqlNode':
        node.values.forEach(visit)
        return
      case 'ValueNode':
      case 'ParameterNode':
      case 'StarNode':
        return
    }
  }
  expressions.forEach(visit)
  return [...found.values()]
}

function tableKey(table: TableNode): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name
}
