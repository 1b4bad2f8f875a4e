import { type SubqueryNode, subqueryNode } from '../nodes/subquery-node'
import type { SelectBase } from '../statements/select-base'
import { type AnyDerivedColumn, type DerivedColumns, derivedColumnsOf, keyedColumns } from './derived-column'
import type { FromSource } from './from-source'

/**
 * A query named in FROM or a join, `(select …) as "name"`, made by `select(…).subquery("name")`.
 * Its columns are the query's row keys, typed: `s.c.total`.
 */
export class Subquery<Row> implements FromSource {
  /** The columns, by row key. */
  readonly c: DerivedColumns<Row>
  /** The columns in select-list order. */
  readonly columns: readonly AnyDerivedColumn[]
  readonly node: SubqueryNode

  constructor(
    query: SelectBase<Row>,
    readonly name: string,
  ) {
    this.node = subqueryNode(query.node, name)
    this.columns = derivedColumnsOf(query.node, this.node)
    this.c = keyedColumns<Row>(this.columns)
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any subquery fits
export type AnySubquery = Subquery<any>
