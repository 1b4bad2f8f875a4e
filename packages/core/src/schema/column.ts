import { Expression } from '../expressions/expression'
import { type ColumnNode, columnNode } from '../nodes/column-node'
import type { SqlType } from './sql-type'
import type { TableNode } from '../nodes/table-node'
import type { AliasNode } from '../nodes/alias-node'
import type { ColumnConfig } from './column-builder'

/**
 * A column of a table, usable anywhere an expression is: `users.c.name.eq("ada")`.
 * `T` is the value type as read (with `| null` when nullable), `K` the property name that keys rows,
 * `IsOptional` whether an INSERT may omit it.
 */
export class Column<T, K extends string = string, IsOptional extends boolean = boolean> extends Expression<T> {
  /** Phantom: whether INSERT may omit the column. */
  declare readonly __optional: IsOptional
  declare readonly node: ColumnNode

  constructor(
    /** The property name: the key of this column in rows and in `values({...})`. */
    readonly key: K,
    /** The SQL name. */
    readonly name: string,
    readonly table: TableNode,
    readonly config: ColumnConfig,
    /** The alias the column is read through (`alias(users, "u").c.name`), when not the table itself. */
    source: AliasNode | TableNode = table,
  ) {
    super(columnNode(source, name, config.type), config.type as SqlType<T>)
  }

  /** True when this column generates its own value on insert (a lone integer primary key). */
  get isAutoincrement(): boolean {
    return this.config.autoincrement ?? false
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any column fits
export type AnyColumn = Column<any, string, boolean>
