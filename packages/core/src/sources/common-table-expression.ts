import { type CommonTableExpressionNode, commonTableExpressionNode, withCommonTableQuery } from '../nodes/common-table-expression-node'
import type { SetOperator } from '../nodes/compound-select-node'
import { combineQueries } from '../statements/combine-queries'
import type { SelectBase } from '../statements/select-base'
import { type AnyDerivedColumn, type DerivedColumns, derivedColumnsOf, keyedColumns } from './derived-column'
import type { FromSource } from './from-source'

/** `{ recursive: true }` makes a CTE that may read itself: WITH RECURSIVE. */
export interface CommonTableExpressionOptions {
  readonly recursive?: boolean
}

/**
 * A common table expression, made by `select(…).cte("name")`. Naming it in `.from()` or a join (or
 * selecting its columns) adds `WITH "name" as (…)` to the statement by itself. Its columns are the
 * query's row keys, typed: `t.c.depth`.
 *
 * A recursive CTE is built as in SQLAlchemy: the anchor query's CTE, united with a query that joins it.
 * ```ts
 * const tree = select(categories.c.id, categories.c.parentId).where(categories.c.parentId.isNull()).cte("tree", { recursive: true })
 * const all = tree.unionAll(select(categories.c.id, categories.c.parentId).join(tree, categories.c.parentId.eq(tree.c.id)))
 * select(all.c.id).from(all)   // with recursive "tree"("id", "parentId") as (… union all …) select …
 * ```
 */
export class CommonTableExpression<Row> implements FromSource {
  /** The columns, by row key. */
  readonly c: DerivedColumns<Row>
  /** The columns in select-list order. */
  readonly columns: readonly AnyDerivedColumn[]

  constructor(readonly node: CommonTableExpressionNode) {
    this.columns = derivedColumnsOf(node.query, node)
    this.c = keyedColumns<Row>(this.columns)
  }

  get name(): string {
    return this.node.name
  }

  /** The same CTE defined as `its query UNION others` (duplicates removed). */
  union(...queries: SelectBase<unknown>[]): CommonTableExpression<Row> {
    return this.combine('union', queries)
  }

  /** The same CTE defined as `its query UNION ALL others`: the usual shape of a recursive CTE. */
  unionAll(...queries: SelectBase<unknown>[]): CommonTableExpression<Row> {
    return this.combine('union all', queries)
  }

  private combine(operator: SetOperator, queries: readonly SelectBase<unknown>[]): CommonTableExpression<Row> {
    const query = combineQueries(this.node.query, operator, queries.map((q) => q.node))
    return new CommonTableExpression<Row>(withCommonTableQuery(this.node, query))
  }
}

/** Makes the CTE of a query; `select(…).cte(name)` and compound selects call it. */
export function commonTableExpressionOf<Row>(query: SelectBase<Row>, name: string, options: CommonTableExpressionOptions = {}): CommonTableExpression<Row> {
  return new CommonTableExpression<Row>(commonTableExpressionNode(name, query.node, options.recursive ?? false))
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any CTE fits
export type AnyCommonTableExpression = CommonTableExpression<any>
