import type { ColumnNode } from './column-node'
import type { ExpressionNode } from './expression-node'
import type { ResultColumn } from './result-column'
import type { TableNode } from './table-node'

export interface Assignment {
  readonly column: ColumnNode
  readonly value: ExpressionNode
}

/** `UPDATE table SET col = value, … [FROM other, …] [WHERE …] [RETURNING …]`. */
export interface UpdateNode {
  readonly kind: 'UpdateNode'
  readonly table: TableNode
  readonly assignments: readonly Assignment[]
  /** Other tables the WHERE and the values read from (UPDATE … FROM; a multi-table UPDATE on MySQL). */
  readonly from: readonly TableNode[]
  readonly where: ExpressionNode | undefined
  readonly returning: readonly ResultColumn[]
  /** The mapped class the statement was started from (`update(User)`), for the ORM; the compiler ignores it. */
  readonly entity: object | undefined
}

export const updateNode = (table: TableNode, entity?: object): UpdateNode =>
  Object.freeze({ kind: 'UpdateNode', table, assignments: Object.freeze([]), from: Object.freeze([]), where: undefined, returning: Object.freeze([]), entity })

// Spreading a frozen node is slow in V8; a copy that names every property keeps one hidden class
// for all UpdateNodes (and the property order the shape key walks).
function update(node: UpdateNode, changes: Partial<Omit<UpdateNode, 'kind'>>): UpdateNode {
  const next: { -readonly [K in keyof UpdateNode]: UpdateNode[K] } = {
    kind: 'UpdateNode',
    table: node.table,
    assignments: node.assignments,
    from: node.from,
    where: node.where,
    returning: node.returning,
    entity: node.entity,
  }
  return Object.freeze(Object.assign(next, changes))
}

export const withAssignments = (node: UpdateNode, assignments: readonly Assignment[]): UpdateNode =>
  update(node, { assignments: Object.freeze([...node.assignments, ...assignments.map(frozenAssignment)]) })

// Assignments from `assignmentsOf` come frozen; others are copied, so the node owns what it holds.
const frozenAssignment = (assignment: Assignment): Assignment => (Object.isFrozen(assignment) ? assignment : Object.freeze({ column: assignment.column, value: assignment.value }))

export const withUpdateFrom = (node: UpdateNode, from: readonly TableNode[]): UpdateNode => update(node, { from: Object.freeze([...node.from, ...from]) })

export const withUpdateWhere = (node: UpdateNode, where: ExpressionNode | undefined): UpdateNode => update(node, { where })

export const withUpdateReturning = (node: UpdateNode, returning: readonly ResultColumn[]): UpdateNode => update(node, { returning: Object.freeze([...returning]) })
