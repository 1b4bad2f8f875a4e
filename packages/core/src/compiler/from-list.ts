import { CompileError } from '../errors/compile-error'
import { type FromNode, fromKey } from '../nodes/from-node'
import type { SelectNode } from '../nodes/select-node'
import { tablesReferencedBy } from './referenced-tables'

/**
 * The FROM list of a SELECT, derived as SQLAlchemy does: the sources given to `.from()`, then those
 * whose columns the select list and WHERE read, without the joined ones (a join names its own).
 *
 * A nested query (scalar subquery, EXISTS, IN) is correlated automatically: the sources an enclosing
 * query provides are left out, so `posts.c.userId.eq(users.c.id)` inside it reads the outer row.
 * As in SQLAlchemy this happens only when the query has more than one source, so a subquery over
 * the same table as its enclosing query (`select(max(users.age))` inside a users query) keeps its FROM.
 *
 * `enclosing` holds the sources of every enclosing query, innermost last.
 */
export function fromListOf(node: SelectNode, enclosing: readonly (readonly FromNode[])[]): FromNode[] {
  const joined = new Set(node.joins.map((join) => fromKey(join.source)))
  const referenced = tablesReferencedBy(node.where ? [...node.columns.map((c) => c.expression), node.where] : node.columns.map((c) => c.expression))
  const sources = joinAnchorsLast(
    node,
    uniqueSources([...node.from, ...referenced]).filter((source) => !joined.has(fromKey(source))),
  )
  if (enclosing.length === 0 || sources.length < 2) return sources
  const provided = new Set(enclosing.flatMap((level) => level.map(fromKey)))
  const own = sources.filter((source) => !provided.has(fromKey(source)))
  if (own.length === 0) {
    throw new CompileError(
      `A subquery reads only ${sources.map((source) => `"${source.name}"`).join(', ')}, which the enclosing query provides, so correlating it would leave it no FROM. ` +
        'Select from an alias (alias(table, "name")) in the subquery to read the table independently.',
    )
  }
  return own
}

// JOIN binds tighter than the comma: in `from a, b join c on …` the join belongs to b alone, and
// PostgreSQL and MySQL reject an ON that reads a. The sources the ON conditions read go last.
function joinAnchorsLast(node: SelectNode, sources: FromNode[]): FromNode[] {
  if (node.joins.length === 0 || sources.length < 2) return sources
  const anchors = new Set(tablesReferencedBy(node.joins.flatMap((join) => (join.on ? [join.on] : []))).map(fromKey))
  return [...sources.filter((source) => !anchors.has(fromKey(source))), ...sources.filter((source) => anchors.has(fromKey(source)))]
}

function uniqueSources(sources: readonly FromNode[]): FromNode[] {
  const byKey = new Map<string, FromNode>()
  for (const source of sources) if (!byKey.has(fromKey(source))) byKey.set(fromKey(source), source)
  return [...byKey.values()]
}
