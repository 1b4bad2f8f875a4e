import { ArgumentError } from '../errors/argument-error'
import { toOperandNode } from '../expressions/expression'
import type { Assignment } from '../nodes/update-node'
import type { Table } from '../schema/table'

/**
 * `{ key: value | expression }` as SET assignments of `table`'s columns (UPDATE, and the update of
 * an upsert); undefined values are left out, JS values are bound with the column's type.
 */
export function assignmentsOf(table: Table, values: object, statement: string): Assignment[] {
  const assignments: Assignment[] = []
  for (const key in values) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) continue
    const value = (values as Record<string, unknown>)[key]
    if (value === undefined) continue
    const column = table.c[key]
    if (column === undefined) throw new ArgumentError(`${statement}: no column "${key}". Columns: ${Object.keys(table.c).join(', ')}.`)
    // Frozen here: the node keeps these objects as they are.
    assignments.push(Object.freeze({ column: column.node, value: toOperandNode(value, column.sqlType) }))
  }
  return assignments
}
