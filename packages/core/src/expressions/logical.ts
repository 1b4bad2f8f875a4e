import type { ExpressionNode } from '../nodes/expression-node'
import { logicalNode } from '../nodes/logical-node'
import { notNode } from '../nodes/not-node'
import { type Condition, condition, Expression } from './expression'

/** `a AND b AND …`; `and()` with one condition is that condition. */
export function and(...conditions: Condition[]): Expression<boolean> {
  return conditions.length === 1 ? (conditions[0] as Expression<boolean>) : condition(logicalNode('and', conditions.map((c) => c.node)))
}

/** `a OR b OR …`. */
export function or(...conditions: Condition[]): Expression<boolean> {
  return conditions.length === 1 ? (conditions[0] as Expression<boolean>) : condition(logicalNode('or', conditions.map((c) => c.node)))
}

/** `NOT condition`. */
export function not(operand: Condition): Expression<boolean> {
  return condition(notNode(operand.node))
}

/** ANDs conditions onto an existing WHERE/HAVING node, flattening `(a AND b) AND c` into `a AND b AND c`. */
export function conjoin(existing: ExpressionNode | undefined, conditions: readonly Condition[]): ExpressionNode | undefined {
  // `.where()` with nothing to add (e.g. a list route whose filters are all optional) changes nothing.
  if (conditions.length === 0) return existing
  const added = conditions.map((c) => c.node)
  const previous = existing === undefined ? [] : existing.kind === 'LogicalNode' && existing.operator === 'and' ? existing.operands : [existing]
  const all = [...previous, ...added]
  return all.length === 1 ? all[0] : logicalNode('and', all)
}
