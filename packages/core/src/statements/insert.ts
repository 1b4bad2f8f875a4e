import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { ArgumentError } from '../errors/argument-error'
import { toOperandNode } from '../expressions/expression'
import type { ExpressionNode } from '../nodes/expression-node'
import { type InsertNode, insertNode, withInsertReturning, withValues } from '../nodes/insert-node'
import { valueNode } from '../nodes/value-node'
import type { AnyColumn } from '../schema/column'
import type { ColumnMap, Table, TableInsertRow } from '../schema/table'
import type { Executable } from './executable'
import { type RowOfItems, resultColumnsOfItems, type SelectItem } from './select-items'

/** An INSERT statement. Immutable: every method returns a new `Insert`. */
export class Insert<C extends ColumnMap, Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(
    readonly table: Table<C>,
    readonly node: InsertNode,
  ) {}

  /**
   * The row or rows to insert. Omitted columns get their client-side default, else their server
   * default (or NULL). Several rows become one multi-row INSERT.
   */
  values(rows: TableInsertRow<C> | readonly TableInsertRow<C>[]): Insert<C, Row> {
    const list = (Array.isArray(rows) ? rows : [rows]) as readonly Record<string, unknown>[]
    if (list.length === 0) throw new ArgumentError(`insert(${this.table.name}).values([]): give at least one row.`)
    const { columns, values } = rowsToValues(this.table, list)
    return new Insert(this.table, withValues(this.node, columns.map((c) => c.node), values))
  }

  /** RETURNING: the inserted rows' columns, e.g. `.returning(users.c.id)` (dialects without RETURNING refuse). */
  returning<const Items extends readonly SelectItem[]>(...items: Items): Insert<C, RowOfItems<Items>> {
    return new Insert(this.table, withInsertReturning(this.node, resultColumnsOfItems(items, `insert(${this.table.name}).returning()`)))
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }
}

/** Starts an INSERT: `insert(users).values({ name: "ada" })`. */
export function insert<C extends ColumnMap>(table: Table<C>): Insert<C, never> {
  return new Insert(table, insertNode(table.node))
}

function rowsToValues(table: Table, rows: readonly Record<string, unknown>[]): { columns: AnyColumn[]; values: ExpressionNode[][] } {
  const used = new Set<AnyColumn>()
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      const column = table.c[key]
      if (column === undefined) throw new ArgumentError(`insert(${table.name}): no column "${key}". Columns: ${Object.keys(table.c).join(', ')}.`)
      if (row[key] !== undefined) used.add(column)
    }
  }
  for (const column of table.columns) if (column.config.clientDefault) used.add(column)
  const columns = table.columns.filter((column) => used.has(column))
  const values = rows.map((row, rowIndex) =>
    columns.map((column) => {
      const value = row[column.key]
      if (value !== undefined) return toOperandNode(value, column.sqlType)
      const fallback = column.config.clientDefault
      if (fallback) return valueNode('value' in fallback ? fallback.value : fallback.generate(), column.sqlType)
      if (column.config.serverDefault || column.isAutoincrement) {
        throw new ArgumentError(
          `insert(${table.name}): row ${rowIndex} leaves out "${column.key}", which other rows set; a multi-row INSERT needs the same columns in every row (its server default cannot apply to some rows only).`,
        )
      }
      return valueNode(null, column.sqlType)
    }),
  )
  return { columns, values }
}
