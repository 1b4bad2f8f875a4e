import type { ResultColumn } from '../nodes/result-column'
import type { ColumnMap, Table, TableRow } from '../schema/table'

/**
 * Marks a mapped class (the ORM's `Model(table)`) at runtime: the class holds its table under this
 * key as well as under `table`. Core knows nothing else about the ORM: `select(User)` selects the
 * table's columns, like `select(users)`, and records `User` on those result columns so that an
 * ORM session can build instances from the rows. Connections keep returning plain rows for it.
 */
export const ENTITY_TABLE: unique symbol = Symbol.for('athanor.entityTable')

/**
 * Something `select()` takes in place of a table: the static side of a mapped class, with its
 * table and (as for any class) a `prototype` typed as its instances. Typed structurally, with no
 * symbol, so that declaration files can name the classes.
 */
export interface EntityItem<C extends ColumnMap = ColumnMap> {
  readonly table: Table<C>
  readonly prototype: object
}

/**
 * The row type `select(User)` gives: the table's row, tagged with the instance type in the
 * phantom `__entity` (never set at runtime; a session's `scalars()` reads it to return `User`s).
 */
export type EntityRow<C extends ColumnMap, E> = TableRow<C> & { readonly __entity?: E }

/** A result column selected through an entity: it remembers the entity (the mapped class). */
export interface EntityResultColumn extends ResultColumn {
  readonly entity: EntityItem
}

/** True for a mapped class: a function marked with `ENTITY_TABLE`. */
export function isEntityItem(value: unknown): value is EntityItem {
  return typeof value === 'function' && (value as { [ENTITY_TABLE]?: unknown })[ENTITY_TABLE] !== undefined
}

/**
 * The result columns of `select(User)`: the table's columns, keyed by property name as for a
 * table, each recording the entity.
 */
export function entityResultColumns(entity: EntityItem): EntityResultColumn[] {
  return entity.table.columns.map((column) => Object.freeze({ key: column.key, expression: column.node, type: column.sqlType, entity }))
}

/**
 * The entity a result column was selected through, or undefined for plain columns.
 *
 * ```ts
 * select(User).node.columns.map(entityOfResultColumn) // [User, User, …]
 * ```
 */
export function entityOfResultColumn(column: ResultColumn): EntityItem | undefined {
  return (column as Partial<EntityResultColumn>).entity
}
