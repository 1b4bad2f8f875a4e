import { type AliasNode, aliasNode } from '../nodes/alias-node'
import { type AnyColumn, Column } from '../schema/column'
import type { ColumnMap, Table } from '../schema/table'
import type { FromSource } from './from-source'

/**
 * A table under another name, made by `alias(users, "u")`: FROM writes `"users" as "u"` and its
 * columns, typed like the table's, are qualified by the alias. The way to read a table twice.
 */
export class Alias<C extends ColumnMap = ColumnMap> implements FromSource {
  /** The columns, by property name, typed like the table's: `u.c.name`. */
  readonly c: C
  /** The columns in definition order. */
  readonly columns: readonly AnyColumn[]
  readonly node: AliasNode

  constructor(
    readonly table: Table<C>,
    readonly name: string,
  ) {
    this.node = aliasNode(table.node, name)
    this.columns = Object.freeze(table.columns.map((column) => new Column(column.key, column.name, column.table, column.config, this.node)))
    this.c = Object.freeze(Object.fromEntries(this.columns.map((column) => [column.key, column]))) as unknown as C
  }
}

/**
 * Names a table anew, for self-joins and reading a table twice:
 * ```ts
 * const managers = alias(employees, "m")
 * select({ name: employees.c.name, manager: managers.c.name }).leftJoin(managers, managers.c.id.eq(employees.c.managerId))
 * ```
 */
export function alias<C extends ColumnMap>(table: Table<C>, name: string): Alias<C> {
  return new Alias(table, name)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any alias fits
export type AnyAlias = Alias<any>
