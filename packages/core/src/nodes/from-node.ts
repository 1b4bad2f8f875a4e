import type { AliasNode } from './alias-node'
import type { CommonTableExpressionNode } from './common-table-expression-node'
import type { SubqueryNode } from './subquery-node'
import type { TableNode } from './table-node'

/** Everything that may stand in FROM or a join. Each has the `name` that qualifies its columns. */
export type FromNode = TableNode | AliasNode | SubqueryNode | CommonTableExpressionNode

/** Identifies a FROM source within one statement: two sources with the same key are the same. */
export function fromKey(node: FromNode): string {
  return node.kind === 'TableNode' && node.schema ? `${node.schema}.${node.name}` : node.name
}
