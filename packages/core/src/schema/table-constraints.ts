import type { Expression } from '../expressions/expression'
import type { AnyColumn, Column } from './column'
import type { ForeignKeyOptions } from './column-builder'

/** What the third argument of `metadata.table` may return. */
export type TableConstraint = IndexDefinition | UniqueDefinition | CheckDefinition | PrimaryKeyDefinition | ForeignKeyDefinition

export interface IndexDefinition {
  readonly kind: 'index'
  readonly name: string
  readonly columns: readonly AnyColumn[]
  readonly isUnique: boolean
}

export interface UniqueDefinition {
  readonly kind: 'unique'
  readonly name: string | undefined
  readonly columns: readonly AnyColumn[]
}

export interface CheckDefinition {
  readonly kind: 'check'
  readonly name: string | undefined
  readonly condition: Expression<boolean | null>
}

export interface PrimaryKeyDefinition {
  readonly kind: 'primaryKey'
  readonly columns: readonly AnyColumn[]
}

export interface ForeignKeyDefinition extends ForeignKeyOptions {
  readonly kind: 'foreignKey'
  readonly columns: readonly AnyColumn[]
  readonly target: () => readonly Column<unknown>[]
}

/** `index("ix_users_name").on(t.name)`; add `.unique()` for a unique index. */
export function index(name: string): { on(...columns: AnyColumn[]): IndexDefinition & { unique(): IndexDefinition } } {
  return {
    on: (...columns) => {
      const definition: IndexDefinition = Object.freeze({ kind: 'index', name, columns, isUnique: false })
      return { ...definition, unique: () => Object.freeze({ ...definition, isUnique: true }) }
    },
  }
}

/** A UNIQUE constraint over several columns: `unique("uq_tag").on(t.postId, t.tagId)`. */
export function unique(name?: string): { on(...columns: AnyColumn[]): UniqueDefinition } {
  return { on: (...columns) => Object.freeze({ kind: 'unique', name, columns }) }
}

/** A CHECK constraint: `check("age_ok", t.age.ge(0))`. */
export function check(name: string | undefined, condition: Expression<boolean | null>): CheckDefinition {
  return Object.freeze({ kind: 'check', name, condition })
}

/** A composite primary key: `primaryKey(t.postId, t.tagId)`. */
export function primaryKey(...columns: AnyColumn[]): PrimaryKeyDefinition {
  return Object.freeze({ kind: 'primaryKey', columns })
}

/** A composite foreign key: `foreignKey([t.a, t.b], () => [other.c.a, other.c.b], { onDelete: "cascade" })`. */
export function foreignKey(columns: AnyColumn[], target: () => readonly Column<unknown>[], options: ForeignKeyOptions = {}): ForeignKeyDefinition {
  return Object.freeze({ kind: 'foreignKey', columns, target, ...options })
}
