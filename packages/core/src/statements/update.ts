import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { ArgumentError } from '../errors/argument-error'
import type { Condition } from '../expressions/expression'
import { toOperandNode } from '../expressions/expression'
import { conjoin } from '../expressions/logical'
import { type UpdateNode, updateNode, withAssignments, withUpdateReturning, withUpdateWhere } from '../nodes/update-node'
import type { ColumnMap, Table, TableUpdateValues } from '../schema/table'
import type { Executable } from './executable'
import { type RowOfItems, resultColumnsOfItems, type SelectItem } from './select-items'

/** An UPDATE statement. Immutable: every method returns a new `Update`. */
export class Update<C extends ColumnMap, Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(
    readonly table: Table<C>,
    readonly node: UpdateNode,
  ) {}

  /** The new values, as JS values or expressions: `.values({ views: posts.c.views.add(1) })`. */
  values(values: TableUpdateValues<C>): Update<C, Row> {
    const assignments = Object.entries(values as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const column = this.table.c[key]
        if (column === undefined) throw new ArgumentError(`update(${this.table.name}): no column "${key}". Columns: ${Object.keys(this.table.c).join(', ')}.`)
        return { column: column.node, value: toOperandNode(value, column.sqlType) }
      })
    return new Update(this.table, withAssignments(this.node, assignments))
  }

  /** WHERE; several conditions are ANDed, and calling `where` again ANDs more. Without WHERE every row is updated. */
  where(...conditions: Condition[]): Update<C, Row> {
    return new Update(this.table, withUpdateWhere(this.node, conjoin(this.node.where, conditions)))
  }

  /** RETURNING the updated rows' columns (where the database supports it). */
  returning<const Items extends readonly SelectItem[]>(...items: Items): Update<C, RowOfItems<Items>> {
    return new Update(this.table, withUpdateReturning(this.node, resultColumnsOfItems(items, `update(${this.table.name}).returning()`)))
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    if (this.node.assignments.length === 0) throw new ArgumentError(`update(${this.table.name}) has no values: call .values({ ... }).`)
    return dialect.compile(this.node)
  }
}

/** Starts an UPDATE: `update(users).where(users.c.id.eq(1)).values({ name: "ada" })`. */
export function update<C extends ColumnMap>(table: Table<C>): Update<C, never> {
  return new Update(table, updateNode(table.node))
}
