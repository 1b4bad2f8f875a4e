import { labelNode } from '../nodes/label-node'
import type { FromNode } from '../nodes/from-node'
import type { JoinNode } from '../nodes/join-node'
import type { ResultColumn } from '../nodes/result-column'
import type { AnyColumn } from '../schema/column'
import type { ColumnMap, Table, TableRow } from '../schema/table'
import type { FromSource } from '../sources/from-source'

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

/**
 * The row type of a select list that holds entities and other items: `select(User, Post)`,
 * `select(User, func.count(Post.c.id).label("n"))`. Core's rows stay flat objects (with several
 * entities, their columns are keyed `users_id`, `posts_id`, …); the phantom `__tuple` (never set
 * at runtime) is what an ORM session's `execute()` makes of each row: `[User, Post]`, `[User, number]`.
 */
export interface EntityTupleRow<T extends readonly unknown[]> {
  readonly [key: string]: unknown
  readonly __tuple?: T
}

/**
 * The columns one entity item brings to a select list, kept together: a session reads them back
 * as one object. Alone (`select(User)`) the row keys are the property keys; next to another
 * entity each row key is `prefix + propertyKey` (`users_id`), labelled so in SQL too, so that
 * `select(User, Post)` has no two columns keyed `id`.
 */
export interface EntityGroup {
  readonly entity: EntityItem
  /** '' for a lone entity, else the table name and `_` (`users_`; `users_2_` for the same table again). */
  readonly prefix: string
}

/** A result column selected through an entity: it remembers the entity (the mapped class) and its group. */
export interface EntityResultColumn extends ResultColumn {
  readonly entity: EntityItem
  readonly group: EntityGroup
  /** The column's property key on the entity (the row key without the group's prefix). */
  readonly propertyKey: string
}

/** True for a mapped class: a function marked with `ENTITY_TABLE`. */
export function isEntityItem(value: unknown): value is EntityItem {
  return typeof value === 'function' && (value as { [ENTITY_TABLE]?: unknown })[ENTITY_TABLE] !== undefined
}

/**
 * The result columns of `select(User)`: the table's columns, keyed by property name as for a
 * table (or `prefix + key`, labelled, inside `select(User, Post)`), each recording the entity.
 */
export function entityResultColumns(entity: EntityItem, prefix = ''): EntityResultColumn[] {
  const group: EntityGroup = Object.freeze({ entity, prefix })
  return (entitySelectionOf(entity)?.columns ?? entity.table.columns).map((column) => {
    const key = `${prefix}${column.key}`
    const expression = prefix === '' ? column.node : labelNode(column.node, key)
    return Object.freeze({ key, expression, type: column.sqlType, entity, group, propertyKey: column.key })
  })
}

/** What FROM or a join names for a source: a mapped class stands for its table (`join(Post, …)`). */
export function sourceNodeOf(source: FromSource | EntityItem): FromNode {
  return isEntityItem(source) ? source.table.node : (source as FromSource).node
}

/**
 * The key prefix of each entity in a select list (undefined for other items): '' when the list
 * has one entity; with several, the table name and `_`, numbered when a table comes again
 * (`select(User, Post, User)` → `users_`, `posts_`, `users_2_`), as SQLAlchemy labels
 * `users.id` as `users_id`.
 */
export function entityPrefixesOf(items: readonly unknown[]): (string | undefined)[] {
  const entityCount = items.filter(isEntityItem).length
  const uses = new Map<string, number>()
  return items.map((item) => {
    if (!isEntityItem(item)) return undefined
    if (entityCount < 2) return ''
    const name = item.table.name
    const use = (uses.get(name) ?? 0) + 1
    uses.set(name, use)
    return use === 1 ? `${name}_` : `${name}_${use}_`
  })
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

/**
 * Set by the ORM on a class whose rows span several tables (joined-table inheritance): a static
 * getter giving what `select(Class)` reads instead of `Class.table` alone. Core only reads it.
 */
export const ENTITY_SELECTION: unique symbol = Symbol.for('athanor.entitySelection')

/** What `select(Class)` reads for a class marked with `ENTITY_SELECTION`: its columns, and the joins that bring in their tables. */
export interface EntitySelection {
  readonly columns: readonly AnyColumn[]
  readonly joins: readonly JoinNode[]
}

function entitySelectionOf(entity: EntityItem): EntitySelection | undefined {
  return (entity as { readonly [ENTITY_SELECTION]?: EntitySelection })[ENTITY_SELECTION]
}

/**
 * The joins that selecting these items needs: those of entities marked with `ENTITY_SELECTION`
 * (`select(Manager)` → `JOIN managers ON managers.id = employees.id`); none for other items.
 */
export function entityJoinsOf(items: readonly unknown[]): JoinNode[] {
  const joins: JoinNode[] = []
  for (const item of items) if (isEntityItem(item)) joins.push(...(entitySelectionOf(item)?.joins ?? []))
  return joins
}
