import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import type { Expression } from '../expressions/expression'
import { OrderingTerm } from '../expressions/ordering-term'
import { scalarSubqueryOf } from '../expressions/subquery-expressions'
import { type CompoundSelectNode, type SetOperator, withCompoundLimit, withCompoundOffset, withCompoundOrderBy } from '../nodes/compound-select-node'
import { orderByNode } from '../nodes/order-by-node'
import { valueNode } from '../nodes/value-node'
import { INTEGER_TYPE } from '../schema/sql-type'
import { type CommonTableExpression, type CommonTableExpressionOptions, commonTableExpressionOf } from '../sources/common-table-expression'
import { Subquery } from '../sources/subquery'
import { combineQueries } from './combine-queries'
import type { Executable } from './executable'
import type { ScalarRow, SelectBase } from './select-base'

/**
 * SELECTs combined by UNION, UNION ALL, INTERSECT or EXCEPT, made by `select(…).union(…)`.
 * Its rows are typed like the first select's. Immutable: every method returns a new one.
 * ```ts
 * select(users.c.name).union(select(admins.c.name)).orderBy(users.c.name).limit(10)
 * ```
 * `orderBy` sorts the combined rows: name the first select's columns (or labels), which are written
 * as the result's column names.
 */
export class CompoundSelect<Row> implements Executable<Row>, SelectBase<Row> {
  declare readonly __row?: Row

  constructor(readonly node: CompoundSelectNode) {}

  /** `… UNION others`: the rows of all, without duplicates. */
  union(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('union', queries)
  }

  /** `… UNION ALL others`: the rows of all, duplicates kept. */
  unionAll(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('union all', queries)
  }

  /** `… INTERSECT others`: the rows found in every query. */
  intersect(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('intersect', queries)
  }

  /** `… EXCEPT others`: the rows not found in the others. */
  except(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('except', queries)
  }

  /** ORDER BY over the combined rows: `orderBy(users.c.name.desc())`. */
  orderBy(...terms: (OrderingTerm | Expression<unknown>)[]): CompoundSelect<Row> {
    return new CompoundSelect(withCompoundOrderBy(this.node, terms.map((t) => (t instanceof OrderingTerm ? t.node : orderByNode(t.node)))))
  }

  /** LIMIT n over the combined rows (a bound parameter). */
  limit(count: number): CompoundSelect<Row> {
    return new CompoundSelect(withCompoundLimit(this.node, valueNode(count, INTEGER_TYPE)))
  }

  /** OFFSET n over the combined rows (a bound parameter). */
  offset(count: number): CompoundSelect<Row> {
    return new CompoundSelect(withCompoundOffset(this.node, valueNode(count, INTEGER_TYPE)))
  }

  /** The compound as a subquery in FROM or a join: `u = a.union(b).subquery("u")`, then `u.c.name`. */
  subquery(name: string): Subquery<Row> {
    return new Subquery(this, name)
  }

  /** The compound as a CTE: `a.union(b).cte("names")`. */
  cte(name: string, options?: CommonTableExpressionOptions): CommonTableExpression<Row> {
    return commonTableExpressionOf(this, name, options)
  }

  /** The compound, which must have one column, as a value (NULL when it returns no row). */
  scalarSubquery<T>(this: SelectBase<ScalarRow<T>>): Expression<T | null> {
    return scalarSubqueryOf<T | null>(this.node)
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }

  private combine(operator: SetOperator, queries: readonly SelectBase<unknown>[]): CompoundSelect<Row> {
    return new CompoundSelect(combineQueries(this.node, operator, queries.map((query) => query.node)))
  }
}
