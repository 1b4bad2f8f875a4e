import { Expression } from '../expressions/expression'
import type { CommonTableExpressionNode } from '../nodes/common-table-expression-node'
import { type ColumnNode, columnNode } from '../nodes/column-node'
import { type QueryNode, resultColumnsOfQuery } from '../nodes/query-node'
import type { SubqueryNode } from '../nodes/subquery-node'
import type { SqlType } from '../schema/sql-type'

/**
 * A column of a subquery or CTE, read by its row key: `s.c.total` is `"s"."total"`.
 * `T` is its value type, `K` its key, both taken from the query's row type.
 */
export class DerivedColumn<T, K extends string = string> extends Expression<T> {
  declare readonly node: ColumnNode

  constructor(
    /** The row key of the query's column, which is also its SQL name outside the query. */
    readonly key: K,
    source: SubqueryNode | CommonTableExpressionNode,
    sqlType: SqlType<T> | undefined,
  ) {
    super(columnNode(source, key, sqlType), sqlType)
  }
}

/** The `.c` of a subquery or CTE over rows of type `Row`: one typed column per key. */
export type DerivedColumns<Row> = { readonly [K in keyof Row & string]: DerivedColumn<Row[K], K> }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any derived column fits
export type AnyDerivedColumn = DerivedColumn<any, string>

/** The columns a subquery or CTE exposes: one per result column of its query, in order. */
export function derivedColumnsOf(query: QueryNode, source: SubqueryNode | CommonTableExpressionNode): readonly AnyDerivedColumn[] {
  return Object.freeze(resultColumnsOfQuery(query).map((column) => new DerivedColumn(column.key, source, column.type)))
}

/** The columns keyed for `.c`. */
export function keyedColumns<Row>(columns: readonly AnyDerivedColumn[]): DerivedColumns<Row> {
  return Object.freeze(Object.fromEntries(columns.map((column) => [column.key, column]))) as DerivedColumns<Row>
}
