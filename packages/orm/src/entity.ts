import type { AnyTable } from '@athanor/core'

/**
 * The static side of a mapped class, as the ORM's functions take it: `session.get(User, 1)`,
 * `relationship(() => Post)`. `T` is the instance type, read from `prototype` (TypeScript types a
 * class's `prototype` as its instance type), so no constructor signature has to be matched.
 */
export interface EntityClass<T extends object = object> {
  readonly prototype: T
  readonly table: AnyTable
  readonly name: string
}

/** A primary key as `session.get` takes it: a value, values in key order, or an object keyed by property name. */
export type PrimaryKeyInput = string | number | bigint | readonly unknown[] | Readonly<Record<string, unknown>>
