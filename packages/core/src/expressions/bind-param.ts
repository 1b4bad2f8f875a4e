import { parameterNode } from '../nodes/parameter-node'
import type { ColumnBuilder } from '../schema/column-builder'
import type { SqlType } from '../schema/sql-type'
import { Expression } from './expression'

/**
 * A named parameter in a Core statement, filled at execution:
 * `select(users).where(users.c.name.eq(bindParam("name", varchar(50))))` then `execute(stmt, { name })`.
 */
export function bindParam<T = unknown>(name: string, type?: ColumnBuilder<T, boolean, boolean>): Expression<T> {
  const sqlType = type?.config.type as SqlType<T> | undefined
  return new Expression<T>(parameterNode(name, sqlType), sqlType)
}
