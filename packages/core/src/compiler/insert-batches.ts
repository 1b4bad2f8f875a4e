import { CompileError } from '../errors/compile-error'
import { type InsertNode, withRows } from '../nodes/insert-node'

interface Split {
  readonly maxParameters: number
  readonly batches: readonly InsertNode[]
}

// Nodes are immutable, so a split stays valid for as long as its node lives.
const splits = new WeakMap<InsertNode, Split>()

/**
 * Splits a multi-row INSERT into INSERTs of consecutive rows that each carry at most
 * `maxParameters` bound values (the driver's limit, `dialect.capabilities.maxParameters`). Every
 * batch repeats the rest of the statement (conflict clause, RETURNING). An INSERT that fits comes
 * back alone, as is. Throws `CompileError` when one row alone is over the limit.
 */
export function splitInsert(node: InsertNode, maxParameters: number): readonly InsertNode[] {
  if (node.rows.length < 2) return [node]
  const cached = splits.get(node)
  if (cached?.maxParameters === maxParameters) return cached.batches
  const batches = computeBatches(node, maxParameters)
  splits.set(node, { maxParameters, batches })
  // Each batch is executed in turn, and asked again whether it needs splitting: it does not.
  if (batches.length > 1) for (const batch of batches) splits.set(batch, { maxParameters, batches: [batch] })
  return batches
}

function computeBatches(node: InsertNode, maxParameters: number): readonly InsertNode[] {
  const perRow = node.rows.map(countBoundValues)
  const shared = countBoundValues({ ...node, rows: [] })
  if (perRow.reduce((sum, count) => sum + count, shared) <= maxParameters) return [node]
  const batches: InsertNode[] = []
  let start = 0
  let used = shared
  perRow.forEach((count, index) => {
    if (shared + count > maxParameters) {
      throw new CompileError(`Row ${index} of an INSERT into "${node.table.name}" carries ${shared + count} bound values with the rest of the statement, more than the ${maxParameters} one statement may have.`)
    }
    if (used + count > maxParameters) {
      batches.push(withRows(node, node.rows.slice(start, index)))
      start = index
      used = shared
    }
    used += count
  })
  batches.push(withRows(node, node.rows.slice(start)))
  return batches
}

/**
 * The placeholders a node tree compiles to: one per bound value and one per named parameter.
 * Nodes are plain frozen data, so this walks their properties rather than keeping a second visitor
 * table in step with every node kind; a bound value's own content (a Date, a Buffer, JSON) is not entered.
 */
export function countBoundValues(tree: unknown): number {
  if (typeof tree !== 'object' || tree === null) return 0
  // Indexed loops: a split walks every value of rows that may number in the hundreds of thousands.
  if (Array.isArray(tree)) {
    let count = 0
    for (let index = 0; index < tree.length; index++) count += countBoundValues(tree[index])
    return count
  }
  const kind = (tree as { readonly kind?: unknown }).kind
  if (kind === 'ValueNode' || kind === 'ParameterNode') return 1
  let count = 0
  for (const key in tree) count += countBoundValues((tree as Record<string, unknown>)[key])
  return count
}
