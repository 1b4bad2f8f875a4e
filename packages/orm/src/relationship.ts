import type { AnyColumn, AnyTable, Expression, OrderingTerm } from '@athanor/core'
import type { EntityClass } from './entity'

/** An ORDER BY term for a collection: a column, an expression or `column.desc()`. */
export type CollectionOrder = OrderingTerm | Expression<unknown>

/**
 * How a relationship is loaded when a query gives no loader option for it: `select` (the
 * default: only by an explicit `session.refresh(obj, [key])`), `selectin`, `joined`, `subquery`,
 * or `raise` (reading it throws, naming the relationship and the loader to use).
 */
export type LoadingStrategy = 'select' | 'selectin' | 'joined' | 'subquery' | 'raise'

/** How a relationship is configured; everything is optional, the join is inferred from foreign keys. */
export interface RelationshipOptions<T extends object> {
  /** The attribute of the target class that points back, kept in sync in memory: `backPopulates: "author"`. */
  readonly backPopulates?: keyof T & string
  /**
   * Which operations follow the relationship: a comma-separated list of `save-update`, `merge`,
   * `delete`, `delete-orphan`, `expunge`, `refresh-expire`, or `all` (everything but
   * delete-orphan). Default `"save-update, merge"`.
   */
  readonly cascade?: string
  /** The order of a collection when it is loaded: `orderBy: posts.c.createdAt.desc()`. */
  readonly orderBy?: CollectionOrder | readonly CollectionOrder[]
  /** The association table of a many-to-many relationship. */
  readonly secondary?: AnyTable
  /**
   * Leave unloaded children to the database's ON DELETE CASCADE / SET NULL when the parent is
   * deleted, instead of loading (to delete) or updating (to un-link) them first.
   */
  readonly passiveDeletes?: boolean
  /** The foreign key column(s) to join on, when several foreign keys link the two tables. */
  readonly foreignKeys?: readonly AnyColumn[]
  /**
   * `false` makes a one-to-many a one-to-one: the attribute holds one object or null instead of
   * an array. (A many-to-one is always scalar.)
   */
  readonly uselist?: boolean
  /**
   * For a self-referential relationship, the referenced ("remote") column(s): naming the primary
   * key makes it many-to-one (`parent`); without it, it is one-to-many (`children`).
   */
  readonly remoteSide?: AnyColumn | readonly AnyColumn[]
  /**
   * Write this foreign key with a second UPDATE after the INSERTs (and clear it before the
   * DELETEs), for rows that point at each other. The flush does this by itself when it finds a
   * cycle of nullable foreign keys; set it to force it.
   */
  readonly postUpdate?: boolean
  /** The default loader of this relationship: `lazy: "selectin"` loads it with every query of the parent class. */
  readonly lazy?: LoadingStrategy
}

/**
 * A relationship as declared, before the join is worked out (that happens on first use, when all
 * classes exist). Made by `relationship()`, handed to `mapper()`.
 */
export interface Relationship<T extends object> {
  readonly kind: 'Relationship'
  readonly target: () => EntityClass<T>
  readonly options: RelationshipOptions<T>
}

/**
 * Declares a relationship to another mapped class. The target is a thunk, so classes may refer to
 * each other in any order; the join is inferred from the tables' foreign keys.
 *
 * ```ts
 * mapper(User, { posts: relationship(() => Post, { backPopulates: "author", cascade: "all, delete-orphan" }) })
 * mapper(Post, { author: relationship(() => User, { backPopulates: "posts" }), tags: relationship(() => Tag, { secondary: postTags }) })
 * ```
 */
export function relationship<T extends object>(target: () => EntityClass<T>, options: RelationshipOptions<T> = {}): Relationship<T> {
  return Object.freeze({ kind: 'Relationship', target, options: Object.freeze({ ...options }) })
}
