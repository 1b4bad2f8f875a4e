import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { ArgumentError } from '../errors/argument-error'
import type { Condition } from '../expressions/expression'
import { conjoin } from '../expressions/logical'
import { type UpdateNode, updateNode, withAssignments, withUpdateFrom, withUpdateReturning, withUpdateWhere } from '../nodes/update-node'
import type { AnyTable, ColumnMap, Table, TableUpdateValues } from '../schema/table'
import { assignmentsOf } from './assignments'
import { type EntityItem, isEntityItem } from './entity-item'
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
    return new Update(this.table, withAssignments(this.node, assignmentsOf(this.table, values, `update(${this.table.name})`)))
  }

  /**
   * Other tables the WHERE and the values read, joined through the WHERE: `UPDATE … FROM` on
   * PostgreSQL and SQLite, a multi-table `UPDATE posts, users SET …` on MySQL.
   *
   * ```ts
   * update(posts).from(users).where(posts.c.userId.eq(users.c.id), users.c.isActive.eq(false)).values({ views: 0 })
   * ```
   */
  from(...tables: AnyTable[]): Update<C, Row> {
    return new Update(this.table, withUpdateFrom(this.node, tables.map((table) => table.node)))
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

/** Starts an UPDATE: `update(users).where(users.c.id.eq(1)).values({ name: "ada" })`; a mapped class stands for its table: `update(User)`. */
export function update<C extends ColumnMap>(target: Table<C> | EntityItem<C>): Update<C, never> {
  const table = isEntityItem(target) ? target.table : target
  return new Update(table, updateNode(table.node, isEntityItem(target) ? target : undefined))
}
