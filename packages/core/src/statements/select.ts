import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { conjoin } from '../expressions/logical'
import type { Condition, Expression } from '../expressions/expression'
import { OrderingTerm } from '../expressions/ordering-term'
import { joinNode } from '../nodes/join-node'
import { orderByNode } from '../nodes/order-by-node'
import {
  type SelectNode,
  selectNode,
  withDistinct,
  withForUpdate,
  withFrom,
  withGroupBy,
  withHaving,
  withJoin,
  withLimit,
  withOffset,
  withOrderBy,
  withWhere,
} from '../nodes/select-node'
import { valueNode } from '../nodes/value-node'
import { INTEGER_TYPE } from '../schema/sql-type'
import type { AnyTable } from '../schema/table'
import type { Executable } from './executable'
import { type RowOfItems, type RowOfRecord, resultColumnsOfItems, resultColumnsOfRecord, type SelectItem, type SelectRecord } from './select-items'

/** A SELECT statement. Immutable: every method returns a new `Select`. */
export class Select<Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(readonly node: SelectNode) {}

  /** Adds tables to FROM (tables of the selected columns are added automatically). */
  from(...tables: AnyTable[]): Select<Row> {
    return new Select(withFrom(this.node, tables.map((t) => t.node)))
  }

  /** WHERE; several conditions are ANDed, and calling `where` again ANDs more. */
  where(...conditions: Condition[]): Select<Row> {
    return new Select(withWhere(this.node, conjoin(this.node.where, conditions)))
  }

  /** INNER JOIN table ON condition. */
  join(table: AnyTable, on: Condition): Select<Row> {
    return new Select(withJoin(this.node, joinNode('inner', table.node, on.node)))
  }

  /** Alias of `join`. */
  innerJoin(table: AnyTable, on: Condition): Select<Row> {
    return this.join(table, on)
  }

  /** LEFT OUTER JOIN table ON condition. */
  leftJoin(table: AnyTable, on: Condition): Select<Row> {
    return new Select(withJoin(this.node, joinNode('left', table.node, on.node)))
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

  /** FOR UPDATE: locks the selected rows until the transaction ends (ignored by SQLite, which locks the whole database). */
  forUpdate(): Select<Row> {
    return new Select(withForUpdate(this.node))
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }
}

/**
 * Starts a SELECT: `select(users)`, `select(users.c.id, users.c.name)`, or
 * `select({ n: func.count(), age: users.c.age })`. The row type is inferred from the arguments.
 */
export function select<const Items extends readonly SelectItem[]>(...items: Items): Select<RowOfItems<Items>>
export function select<R extends SelectRecord>(columns: R): Select<RowOfRecord<R>>
export function select(...args: unknown[]): Select<unknown> {
  const isRecord = args.length === 1 && isPlainObject(args[0])
  const columns = isRecord ? resultColumnsOfRecord(args[0] as SelectRecord, 'select()') : resultColumnsOfItems(args, 'select()')
  return new Select(selectNode(columns, []))
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
