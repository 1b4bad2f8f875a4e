import type { FromNode } from '../nodes/from-node'

/** What `.from()` and the joins take: a table, an alias, a subquery or a CTE. */
export interface FromSource {
  readonly node: FromNode
}
