import type { ExpressionNode } from './expression-node'
import type { OrderByNode } from './order-by-node'
import type { QueryNode } from './query-node'

export type SetOperator = 'union' | 'union all' | 'intersect' | 'except'

/** One member after the first: the operator that joins it to what precedes, and its query. */
export interface CompoundMember {
  readonly operator: SetOperator
  readonly query: QueryNode
}

/**
 * `first op query op query … [ORDER BY …] [LIMIT …]`, read left to right. Its result columns are
 * the first member's.
 */
export interface CompoundSelectNode {
  readonly kind: 'CompoundSelectNode'
  readonly first: QueryNode
  readonly members: readonly CompoundMember[]
  readonly orderBy: readonly OrderByNode[]
  readonly limit: ExpressionNode | undefined
  readonly offset: ExpressionNode | undefined
}

export const compoundSelectNode = (first: QueryNode, members: readonly CompoundMember[]): CompoundSelectNode =>
  Object.freeze({
    kind: 'CompoundSelectNode',
    first,
    members: Object.freeze(members.map((member) => Object.freeze({ ...member }))),
    orderBy: Object.freeze([]),
    limit: undefined,
    offset: undefined,
  })

// Spreading a frozen node is slow in V8; a copy that names every property keeps one hidden class
// (and the property order the shape key walks).
function update(node: CompoundSelectNode, changes: Partial<Omit<CompoundSelectNode, 'kind'>>): CompoundSelectNode {
  const next: { -readonly [K in keyof CompoundSelectNode]: CompoundSelectNode[K] } = {
    kind: 'CompoundSelectNode',
    first: node.first,
    members: node.members,
    orderBy: node.orderBy,
    limit: node.limit,
    offset: node.offset,
  }
  return Object.freeze(Object.assign(next, changes))
}

export const withCompoundMembers = (node: CompoundSelectNode, members: readonly CompoundMember[]): CompoundSelectNode =>
  update(node, { members: Object.freeze([...node.members, ...members.map((member) => Object.freeze({ ...member }))]) })
export const withCompoundOrderBy = (node: CompoundSelectNode, orderBy: readonly OrderByNode[]): CompoundSelectNode =>
  update(node, { orderBy: Object.freeze([...node.orderBy, ...orderBy]) })
export const withCompoundLimit = (node: CompoundSelectNode, limit: ExpressionNode): CompoundSelectNode => update(node, { limit })
export const withCompoundOffset = (node: CompoundSelectNode, offset: ExpressionNode): CompoundSelectNode => update(node, { offset })
