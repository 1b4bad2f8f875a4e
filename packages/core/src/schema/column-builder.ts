import { Expression } from '../expressions/expression'
import type { ExpressionNode } from '../nodes/expression-node'
import { valueNode } from '../nodes/value-node'
import type { SqlType } from './sql-type'
import type { Column } from './column'

export type ReferentialAction = 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action'

export interface ForeignKeyOptions {
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** Constraint name; the database picks one when omitted. */
  readonly name?: string
}

export interface ColumnReference extends ForeignKeyOptions {
  /** Lazy, so tables may refer to each other in any order. */
  readonly target: () => Column<unknown>
}

/** A client-side default: a value, or a function called for each inserted row. */
export type ClientDefault = { readonly value: unknown } | { readonly generate: () => unknown }

/** Everything a column definition says, as plain data. */
export interface ColumnConfig {
  readonly type: SqlType
  /** The SQL name; defaults to the property name in snake_case. */
  readonly name: string | undefined
  readonly isNullable: boolean
  readonly isPrimaryKey: boolean
  readonly isUnique: boolean
  /** undefined: automatic (a lone integer primary key autoincrements). */
  readonly autoincrement: boolean | undefined
  readonly clientDefault: ClientDefault | undefined
  readonly serverDefault: ExpressionNode | undefined
  readonly references: ColumnReference | undefined
}

/**
 * Defines one column of `metadata.table(...)`: `varchar(50).notNull().unique()`.
 * Immutable: each method returns a new builder. The type parameters track the JS value type,
 * nullability and whether an INSERT may omit the column.
 */
export class ColumnBuilder<T, IsNullable extends boolean = true, HasDefault extends boolean = false> {
  /** Phantom: the value type as read from a row. */
  declare readonly __select: IsNullable extends true ? T | null : T
  /** Phantom: true when INSERT may leave the column out. */
  declare readonly __optional: IsNullable extends true ? true : HasDefault

  constructor(readonly config: ColumnConfig) {}

  /** NOT NULL: the value type loses `| null`. */
  notNull(): ColumnBuilder<T, false, HasDefault> {
    return this.with({ isNullable: false })
  }

  /** Explicitly nullable (the default). */
  nullable(): ColumnBuilder<T, true, HasDefault> {
    return this.with({ isNullable: true })
  }

  /** Part of the primary key (several columns make a composite key). Implies NOT NULL. A lone integer key autoincrements. */
  primaryKey(): ColumnBuilder<T, false, T extends number | bigint ? true : HasDefault> {
    return this.with({ isPrimaryKey: true, isNullable: false })
  }

  /** A UNIQUE constraint on this column alone. */
  unique(): ColumnBuilder<T, IsNullable, HasDefault> {
    return this.with({ isUnique: true })
  }

  /** Turns autoincrement on or off for an integer primary key. */
  autoincrement(enabled = true): ColumnBuilder<T, IsNullable, HasDefault> {
    return this.with({ autoincrement: enabled })
  }

  /** A client-side default, applied by INSERT when the value is omitted: a value or a function per row. */
  default(value: T | (() => T)): ColumnBuilder<T, IsNullable, true> {
    return this.with({ clientDefault: typeof value === 'function' ? { generate: value as () => T } : { value } })
  }

  /** A server-side default written into the DDL: `serverDefault(func.now())` or `serverDefault(sql\`0\`)`. */
  serverDefault(value: Expression<unknown> | T): ColumnBuilder<T, IsNullable, true> {
    return this.with({ serverDefault: value instanceof Expression ? value.node : valueNode(value, this.config.type) })
  }

  /** A foreign key to another table's column: `references(() => users.c.id, { onDelete: "cascade" })`. */
  references(target: () => Column<unknown>, options: ForeignKeyOptions = {}): ColumnBuilder<T, IsNullable, HasDefault> {
    return this.with({ references: { target, ...options } })
  }

  private with<N extends boolean, D extends boolean>(changes: Partial<ColumnConfig>): ColumnBuilder<T, N, D> {
    return new ColumnBuilder<T, N, D>(Object.freeze({ ...this.config, ...changes }))
  }
}

/** A builder of any type; the constraint for column maps. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any builder fits
export type AnyColumnBuilder = ColumnBuilder<any, boolean, boolean>

/** Creates a nullable builder of the given type. */
export function columnBuilder<T>(type: SqlType<T>, name: string | undefined): ColumnBuilder<T, true, false> {
  return new ColumnBuilder<T, true, false>(
    Object.freeze({
      type,
      name,
      isNullable: true,
      isPrimaryKey: false,
      isUnique: false,
      autoincrement: undefined,
      clientDefault: undefined,
      serverDefault: undefined,
      references: undefined,
    }),
  )
}
