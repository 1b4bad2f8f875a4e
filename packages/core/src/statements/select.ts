import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { conjoin } from '../expressions/logical'
import type { Condition, Expression } from '../expressions/expression'
import { OrderingTerm } from '../expressions/ordering-term'
import { scalarSubqueryOf } from '../expressions/subquery-expressions'
import type { SetOperator } from '../nodes/compound-select-node'
import { type JoinType, joinNode } from '../nodes/join-node'
import { orderByNode } from '../nodes/order-by-node'
import {
  type SelectNode,
  selectNode,
  withDistinct,
  withDistinctOn,
  withForUpdate,
  withFrom,
  withGroupBy,
  withHaving,
  withJoin,
  withLimit,
  withOffset,
  withOptions,
  withOrderBy,
  withWhere,
} from '../nodes/select-node'
import { valueNode } from '../nodes/value-node'
import { INTEGER_TYPE } from '../schema/sql-type'
import { Table } from '../schema/table'
import { shareShape } from '../compiler/shape-key'
import { type CommonTableExpression, type CommonTableExpressionOptions, commonTableExpressionOf } from '../sources/common-table-expression'
import type { FromSource } from '../sources/from-source'
import { Subquery } from '../sources/subquery'
import { combineQueries } from './combine-queries'
import { CompoundSelect } from './compound-select'
import type { Executable } from './executable'
import { type ForUpdateOptions, forUpdateClauseOf } from './for-update-options'
import type { ScalarRow, SelectBase } from './select-base'
import { type EntityItem, entityJoinsOf, sourceNodeOf } from './entity-item'
import { type RowOfItems, type RowOfRecord, resultColumnsOfItems, resultColumnsOfRecord, type SelectItem, type SelectRecord } from './select-items'

/** A SELECT statement. Immutable: every method returns a new `Select`. */
export class Select<Row> implements Executable<Row>, SelectBase<Row> {
  declare readonly __row?: Row

  constructor(readonly node: SelectNode) {}

  /**
   * Adds tables, aliases, subqueries or CTEs to FROM. The sources of the selected columns and of
   * WHERE are added automatically, and a CTE brings its WITH clause.
   */
  from(...sources: (FromSource | EntityItem)[]): Select<Row> {
    return new Select(withFrom(this.node, sources.map(sourceNodeOf)))
  }

  /** WHERE; several conditions are ANDed, and calling `where` again ANDs more. */
  where(...conditions: Condition[]): Select<Row> {
    return new Select(withWhere(this.node, conjoin(this.node.where, conditions)))
  }

  /** INNER JOIN a table, alias, subquery, CTE or mapped class (its table) ON condition: `select(User, Post).join(Post, Post.c.userId.eq(User.c.id))`. */
  join(source: FromSource | EntityItem, on: Condition): Select<Row> {
    return this.joinWith('inner', source, on)
  }

  /** Alias of `join`. */
  innerJoin(source: FromSource | EntityItem, on: Condition): Select<Row> {
    return this.joinWith('inner', source, on)
  }

  /** LEFT OUTER JOIN source ON condition: every row of the left side, with NULLs where nothing matches. */
  leftJoin(source: FromSource | EntityItem, on: Condition): Select<Row> {
    return this.joinWith('left', source, on)
  }

  /** RIGHT OUTER JOIN: every row of the joined source, `select(users.c.name, desks.c.label).rightJoin(desks, desks.c.userId.eq(users.c.id))`. */
  rightJoin(source: FromSource | EntityItem, on: Condition): Select<Row> {
    return this.joinWith('right', source, on)
  }

  /**
   * FULL OUTER JOIN: the unmatched rows of both sides too, `select(a.c.x, b.c.y).fullJoin(b, b.c.aId.eq(a.c.id))`.
   * MySQL and MariaDB have none: compiling for them throws `UnsupportedFeatureError`.
   */
  fullJoin(source: FromSource | EntityItem, on: Condition): Select<Row> {
    return this.joinWith('full', source, on)
  }

  /** CROSS JOIN: every pairing of rows, `select(sizes.c.name, colours.c.name.label("colour")).crossJoin(colours)`. */
  crossJoin(source: FromSource | EntityItem): Select<Row> {
    return new Select(withJoin(this.node, joinNode('cross', sourceNodeOf(source), undefined)))
  }

  /** GROUP BY expressions. */
  groupBy(...expressions: Expression<unknown>[]): Select<Row> {
    return new Select(withGroupBy(this.node, expressions.map((e) => e.node)))
  }

  /** HAVING; several conditions are ANDed, and calling `having` again ANDs more. */
  having(...conditions: Condition[]): Select<Row> {
    return new Select(withHaving(this.node, conjoin(this.node.having, conditions)))
  }

  /** ORDER BY: `orderBy(users.c.name, users.c.createdAt.desc())`. */
  orderBy(...terms: (OrderingTerm | Expression<unknown>)[]): Select<Row> {
    return new Select(withOrderBy(this.node, terms.map((t) => (t instanceof OrderingTerm ? t.node : orderByNode(t.node)))))
  }

  /** LIMIT n (a bound parameter). */
  limit(count: number): Select<Row> {
    return new Select(withLimit(this.node, valueNode(count, INTEGER_TYPE)))
  }

  /** OFFSET n (a bound parameter). */
  offset(count: number): Select<Row> {
    return new Select(withOffset(this.node, valueNode(count, INTEGER_TYPE)))
  }

  /** SELECT DISTINCT. */
  distinct(): Select<Row> {
    return new Select(withDistinct(this.node))
  }

  /**
   * SELECT DISTINCT ON (expressions), PostgreSQL only: the first row of each group, in ORDER BY order.
   * `select(posts).distinctOn(posts.c.userId).orderBy(posts.c.userId, posts.c.createdAt.desc())`.
   */
  distinctOn(...expressions: Expression<unknown>[]): Select<Row> {
    return new Select(withDistinctOn(this.node, expressions.map((e) => e.node)))
  }

  /**
   * FOR UPDATE: locks the selected rows until the transaction ends; `{ skipLocked: true }` or
   * `{ nowait: true }` decide what happens to rows another transaction holds, and `{ of: table }`
   * limits the lock to one table of a join. SQLite, which locks the whole database, ignores it.
   */
  forUpdate(options: ForUpdateOptions = {}): Select<Row> {
    return new Select(withForUpdate(this.node, forUpdateClauseOf(options)))
  }

  /**
   * The select as a named subquery for FROM or a join; its columns are the row keys, typed:
   * `const s = select({ userId: posts.c.userId, n: func.count() }).groupBy(posts.c.userId).subquery("s")`, then
   * `select(users.c.name, s.c.n).join(s, s.c.userId.eq(users.c.id))`.
   */
  subquery(name: string): Subquery<Row> {
    return new Subquery(this, name)
  }

  /**
   * The select as a CTE; naming it in FROM or a join writes the WITH clause:
   * `const c = select(…).cte("c"); select(c.c.n).from(c)`. `{ recursive: true }` with
   * `c.unionAll(select(…).join(c, …))` builds a recursive one.
   */
  cte(name: string, options?: CommonTableExpressionOptions): CommonTableExpression<Row> {
    return commonTableExpressionOf(this, name, options)
  }

  /**
   * The select, which must have one column, as a value: in a select list (with a label) or a
   * comparison. It reads NULL when the query returns no row. Correlated automatically:
   * `select(users.c.name, select({ n: func.count() }).from(posts).where(posts.c.userId.eq(users.c.id)).scalarSubquery().label("posts"))`.
   */
  scalarSubquery<T>(this: SelectBase<ScalarRow<T>>): Expression<T | null> {
    return scalarSubqueryOf<T | null>(this.node)
  }

  /** `this UNION others`, rows typed like this select's: `select(users.c.name).union(select(admins.c.name)).orderBy(users.c.name)`. */
  union(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('union', queries)
  }

  /** `this UNION ALL others`: the rows of all, duplicates kept. */
  unionAll(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('union all', queries)
  }

  /** `this INTERSECT others`: the rows found in every query. */
  intersect(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('intersect', queries)
  }

  /** `this EXCEPT others`: this select's rows not found in the others. */
  except(...queries: SelectBase<unknown>[]): CompoundSelect<Row> {
    return this.combine('except', queries)
  }

  /**
   * Attaches options that Core keeps but never reads (the SQL is unchanged): the ORM's loader
   * options, `select(User).options(selectinload("posts"), joinedload("profile"))`.
   */
  options(...options: readonly object[]): Select<Row> {
    return new Select(withOptions(this.node, options))
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }

  private joinWith(joinType: JoinType, source: FromSource | EntityItem, on: Condition): Select<Row> {
    return new Select(withJoin(this.node, joinNode(joinType, sourceNodeOf(source), on.node)))
  }

  private combine(operator: SetOperator, queries: readonly SelectBase<unknown>[]): CompoundSelect<Row> {
    return new CompoundSelect(combineQueries(this.node, operator, queries.map((query) => query.node)))
  }
}

/**
 * Starts a SELECT: `select(users)`, `select(users.c.id, users.c.name)`, or
 * `select({ n: func.count(), age: users.c.age })`. The row type is inferred from the arguments.
 */
export function select<const Items extends readonly SelectItem[]>(...items: Items): Select<RowOfItems<Items>>
export function select<R extends SelectRecord>(columns: R): Select<RowOfRecord<R>>
export function select(...args: unknown[]): Select<unknown> {
  if (args.length === 1 && args[0] instanceof Table) return new Select(selectAllNodeOf(args[0]))
  const isRecord = args.length === 1 && isPlainObject(args[0])
  const columns = isRecord ? resultColumnsOfRecord(args[0] as SelectRecord, 'select()') : resultColumnsOfItems(args, 'select()')
  // A mapped class whose rows span tables (joined-table inheritance) brings its joins.
  const joins = isRecord ? [] : entityJoinsOf(args)
  return new Select(joins.length === 0 ? selectNode(columns, []) : joins.reduce(withJoin, selectNode(columns, [])))
}

// `select(table)` is the most common start of a query, and nodes are immutable: one SelectNode per
// table serves every such call, so its column list is shared (and its shape key remembered).
const selectAllNodes = new WeakMap<Table, SelectNode>()

function selectAllNodeOf(table: Table): SelectNode {
  let node = selectAllNodes.get(table)
  if (node === undefined) {
    node = selectNode(resultColumnsOfItems([table], 'select()'), [])
    shareShape(node.columns)
    selectAllNodes.set(table, node)
  }
  return node
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
