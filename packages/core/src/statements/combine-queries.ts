import { type CompoundSelectNode, compoundSelectNode, type SetOperator, withCompoundMembers } from '../nodes/compound-select-node'
import type { QueryNode } from '../nodes/query-node'

/**
 * `query operator other operator other …`. A compound grows flat, except when that would change
 * its meaning: when it has its own ORDER BY / LIMIT / OFFSET (they must keep applying to it alone),
 * or when INTERSECT follows UNION or EXCEPT (INTERSECT binds tighter on PostgreSQL and MySQL, while
 * `a.union(b).intersect(c)` means `(a union b) intersect c`). Then it becomes the first member of a
 * new compound.
 */
export function combineQueries(query: QueryNode, operator: SetOperator, others: readonly QueryNode[]): CompoundSelectNode {
  const members = others.map((other) => ({ operator, query: other }))
  return query.kind === 'CompoundSelectNode' && canExtend(query, operator) ? withCompoundMembers(query, members) : compoundSelectNode(query, members)
}

function canExtend(node: CompoundSelectNode, operator: SetOperator): boolean {
  if (node.orderBy.length > 0 || node.limit !== undefined || node.offset !== undefined) return false
  return operator !== 'intersect' || node.members.every((member) => member.operator === 'intersect')
}
