import type { ColumnNode } from './column-node'
import type { ExpressionNode } from './expression-node'
import type { ResultColumn } from './result-column'
import type { TableNode } from './table-node'

export interface Assignment {
  readonly column: ColumnNode
  readonly value: ExpressionNode
}

/** `UPDATE table SET col = value, … [WHERE …] [RETURNING …]`. */
export interface UpdateNode {
  readonly kind: 'UpdateNode'
  readonly table: TableNode
  readonly assignments: readonly Assignment[]
  readonly where: ExpressionNode | undefined
  readonly returning: readonly ResultColumn[]
}

export const updateNode = (table: TableNode): UpdateNode =>
  Object.freeze({ kind: 'UpdateNode', table, assignments: Object.freeze([]), where: undefined, returning: Object.freeze([]) })

export const withAssignments = (node: UpdateNode, assignments: readonly Assignment[]): UpdateNode =>
  Object.freeze({ ...node, assignments: Object.freeze([...node.assignments, ...assignments.map((a) => Object.freeze({ ...a }))]) })

export const withUpdateWhere = (node: UpdateNode, where: ExpressionNode): UpdateNode => Object.freeze({ ...node, where })

export const withUpdateReturning = (node: UpdateNode, returning: readonly ResultColumn[]): UpdateNode =>
  Object.freeze({ ...node, returning: Object.freeze([...returning]) })
