import type { AnyColumn, AnyTable } from '@athanor/core'
import type { CascadeOptions } from './cascade-options'
import type { EntityMapper } from './entity-mapper'
import type { CollectionOrder, LoadingStrategy } from './relationship'

/** One column of a join: the referenced column (a key) and the foreign key column that points at it. */
export interface ColumnPair {
  readonly referenced: AnyColumn
  readonly referencing: AnyColumn
}

/** Which table holds the foreign key: many-to-one (this one), one-to-many (the target's), many-to-many (an association table). */
export type RelationshipDirection = 'manyToOne' | 'oneToMany' | 'manyToMany'

/** The association table of a many-to-many relationship and how it joins both sides. */
export interface SecondaryJoin {
  readonly table: AnyTable
  /** referenced: the parent's columns; referencing: the association table's columns. */
  readonly parentPairs: readonly ColumnPair[]
  /** referenced: the target's columns; referencing: the association table's columns. */
  readonly targetPairs: readonly ColumnPair[]
}

/**
 * A relationship with its join worked out: what the attributes, the loaders and the unit of work
 * read. Made when the mappers are configured (on first use).
 */
export interface RelationshipProperty {
  readonly key: string
  /** `User.posts`, for messages. */
  readonly name: string
  readonly parent: EntityMapper
  readonly target: EntityMapper
  readonly direction: RelationshipDirection
  /** An array attribute (one-to-many, many-to-many) or a scalar one (many-to-one, one-to-one). */
  readonly isList: boolean
  /**
   * The direct join: for many-to-one, referencing columns on the parent's table; for one-to-many,
   * referencing columns on the target's table. Empty for many-to-many.
   */
  readonly pairs: readonly ColumnPair[]
  readonly secondary: SecondaryJoin | undefined
  readonly cascade: CascadeOptions
  readonly orderBy: readonly CollectionOrder[]
  readonly passiveDeletes: boolean
  readonly postUpdate: boolean
  /** The default loader when a query names none for this relationship. */
  readonly lazy: LoadingStrategy
  readonly backPopulates: string | undefined
  /**
   * For a many-to-one onto the target's primary key: the parent's foreign key columns in the
   * target's primary key order, so the related object can be found in the identity map.
   */
  readonly keyColumns: readonly AnyColumn[] | undefined
  /** The other side named by backPopulates; set once every mapper is configured. */
  partner: RelationshipProperty | undefined
}
