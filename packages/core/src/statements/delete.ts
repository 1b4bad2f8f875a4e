import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import type { Condition } from '../expressions/expression'
import { conjoin } from '../expressions/logical'
import { type DeleteNode, deleteNode, withDeleteReturning, withDeleteUsing, withDeleteWhere } from '../nodes/delete-node'
import type { AnyTable, ColumnMap, Table } from '../schema/table'
import { type EntityItem, isEntityItem } from './entity-item'
import type { Executable } from './executable'
import { type RowOfItems, resultColumnsOfItems, type SelectItem } from './select-items'

/** A DELETE statement. Immutable: every method returns a new `Delete`. */
export class Delete<C extends ColumnMap, Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(
    readonly table: Table<C>,
    readonly node: DeleteNode,
  ) {}

  /**
   * Other tables the WHERE reads: a row is deleted when some combination of their rows satisfies
   * it. PostgreSQL `DELETE … USING`, MySQL `DELETE posts FROM posts, users …`, SQLite (which has no
   * USING) `DELETE … WHERE EXISTS (SELECT 1 FROM users WHERE …)`.
   *
   * ```ts
   * deleteFrom(posts).using(users).where(posts.c.userId.eq(users.c.id), users.c.isActive.eq(false))
   * ```
   */
  using(...tables: AnyTable[]): Delete<C, Row> {
    return new Delete(this.table, withDeleteUsing(this.node, tables.map((table) => table.node)))
  }

  /** WHERE; several conditions are ANDed, and calling `where` again ANDs more. Without WHERE every row is deleted. */
  where(...conditions: Condition[]): Delete<C, Row> {
    return new Delete(this.table, withDeleteWhere(this.node, conjoin(this.node.where, conditions)))
  }

  /** RETURNING the deleted rows' columns (where the database supports it). */
  returning<const Items extends readonly SelectItem[]>(...items: Items): Delete<C, RowOfItems<Items>> {
    return new Delete(this.table, withDeleteReturning(this.node, resultColumnsOfItems(items, `delete(${this.table.name}).returning()`)))
  }

  /** Compiles for a dialect: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }
}

/**
 * Starts a DELETE: `deleteFrom(users).where(users.c.id.eq(1))`. Also exported as `delete` for
 * namespace imports (`sa.delete(users)`); `delete` is a reserved word, so it cannot be a bare import.
 * A mapped class stands for its table: `deleteFrom(User)`.
 */
export function deleteFrom<C extends ColumnMap>(target: Table<C> | EntityItem<C>): Delete<C, never> {
  const table = isEntityItem(target) ? target.table : target
  return new Delete(table, deleteNode(table.node, isEntityItem(target) ? target : undefined))
}
