import type { ExpressionNode } from './expression-node'
import type { ResultColumn } from './result-column'
import type { TableNode } from './table-node'

/** `DELETE FROM table [USING other, …] [WHERE …] [RETURNING …]`. */
export interface DeleteNode {
  readonly kind: 'DeleteNode'
  readonly table: TableNode
  /** Other tables the WHERE reads: a row is deleted when some combination of their rows satisfies it. */
  readonly using: readonly TableNode[]
  readonly where: ExpressionNode | undefined
  readonly returning: readonly ResultColumn[]
  /** The mapped class the statement was started from (`deleteFrom(User)`), for the ORM; the compiler ignores it. */
  readonly entity: object | undefined
}

export const deleteNode = (table: TableNode, entity?: object): DeleteNode =>
  Object.freeze({ kind: 'DeleteNode', table, using: Object.freeze([]), where: undefined, returning: Object.freeze([]), entity })

// Spreading a frozen node is slow in V8; a copy that names every property keeps one hidden class
// for all DeleteNodes (and the property order the shape key walks).
function update(node: DeleteNode, changes: Partial<Omit<DeleteNode, 'kind'>>): DeleteNode {
  const next: { -readonly [K in keyof DeleteNode]: DeleteNode[K] } = {
    kind: 'DeleteNode',
    table: node.table,
    using: node.using,
    where: node.where,
    returning: node.returning,
    entity: node.entity,
  }
  return Object.freeze(Object.assign(next, changes))
}

export const withDeleteUsing = (node: DeleteNode, using: readonly TableNode[]): DeleteNode => update(node, { using: Object.freeze([...node.using, ...using]) })

export const withDeleteWhere = (node: DeleteNode, where: ExpressionNode | undefined): DeleteNode => update(node, { where })

export const withDeleteReturning = (node: DeleteNode, returning: readonly ResultColumn[]): DeleteNode => update(node, { returning: Object.freeze([...returning]) })
