import type { CompoundSelectNode } from './compound-select-node'
import type { ResultColumn } from './result-column'
import type { SelectNode } from './select-node'

/** A statement that yields rows and may be nested: a SELECT or a compound (UNION, …) of them. */
export type QueryNode = SelectNode | CompoundSelectNode

/** The result columns of a query: a compound's are its first member's. */
export function resultColumnsOfQuery(query: QueryNode): readonly ResultColumn[] {
  return query.kind === 'SelectNode' ? query.columns : resultColumnsOfQuery(query.first)
}
