import type { ColumnNode } from './column-node'
import type { ExpressionNode } from './expression-node'
import type { OnConflictNode } from './on-conflict-node'
import type { ResultColumn } from './result-column'
import type { SelectNode } from './select-node'
import type { TableNode } from './table-node'

/**
 * `INSERT INTO table (columns) VALUES (…), (…) | SELECT … [ON CONFLICT …] [RETURNING …]`.
 * The rows come either from `rows` or from `select`, never both.
 */
export interface InsertNode {
  readonly kind: 'InsertNode'
  readonly table: TableNode
  readonly columns: readonly ColumnNode[]
  /** One list of values per row, in the order of `columns`. */
  readonly rows: readonly (readonly ExpressionNode[])[]
  /** `INSERT … SELECT`: the query whose rows are inserted, its columns in the order of `columns`. */
  readonly select: SelectNode | undefined
  readonly onConflict: OnConflictNode | undefined
  readonly returning: readonly ResultColumn[]
}

export const insertNode = (table: TableNode): InsertNode =>
  Object.freeze({
    kind: 'InsertNode',
    table,
    columns: Object.freeze([]),
    rows: Object.freeze([]),
    select: undefined,
    onConflict: undefined,
    returning: Object.freeze([]),
  })

// Spreading a frozen node is slow in V8; a copy that names every property keeps one hidden class
// for all InsertNodes (and the property order the shape key walks).
function update(node: InsertNode, changes: Partial<Omit<InsertNode, 'kind'>>): InsertNode {
  const next: { -readonly [K in keyof InsertNode]: InsertNode[K] } = {
    kind: 'InsertNode',
    table: node.table,
    columns: node.columns,
    rows: node.rows,
    select: node.select,
    onConflict: node.onConflict,
    returning: node.returning,
  }
  return Object.freeze(Object.assign(next, changes))
}

export const withValues = (node: InsertNode, columns: readonly ColumnNode[], rows: readonly (readonly ExpressionNode[])[]): InsertNode =>
  update(node, { columns: Object.freeze([...columns]), rows: Object.freeze(rows.map((row) => Object.freeze([...row]))), select: undefined })

/** The same INSERT with only some of its rows (rows are frozen already, so they are shared). */
export const withRows = (node: InsertNode, rows: readonly (readonly ExpressionNode[])[]): InsertNode => update(node, { rows: Object.freeze([...rows]) })

export const withInsertSelect = (node: InsertNode, columns: readonly ColumnNode[], select: SelectNode): InsertNode =>
  update(node, { columns: Object.freeze([...columns]), rows: Object.freeze([]), select })

export const withOnConflict = (node: InsertNode, onConflict: OnConflictNode): InsertNode => update(node, { onConflict })

export const withInsertReturning = (node: InsertNode, returning: readonly ResultColumn[]): InsertNode => update(node, { returning: Object.freeze([...returning]) })
