import { ArgumentError, type EntityResultColumn, Select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'

/**
 * A column option for `select(User).options(...)`: which columns of the queried class to leave
 * out of the SELECT (deferred). A deferred column is never loaded silently: reading it throws
 * `NotLoadedError` naming `undefer` and `session.refresh`.
 */
export class ColumnOption {
  readonly kind = 'ColumnOption'

  constructor(
    readonly mode: 'loadOnly' | 'defer' | 'undefer',
    readonly keys: readonly string[],
  ) {
    Object.freeze(this.keys)
  }
}

/**
 * Loads only these columns (and the primary key, and the version column) of the queried class;
 * the others are deferred.
 *
 * ```ts
 * await session.scalars(select(User).options(loadOnly("name")))
 * ```
 */
export function loadOnly(...keys: string[]): ColumnOption {
  return new ColumnOption('loadOnly', keys)
}

/**
 * Leaves these columns of the queried class out of the SELECT; load them later with
 * `await session.refresh(user, ["bio"])`.
 *
 * ```ts
 * await session.scalars(select(User).options(defer("bio")))
 * ```
 */
export function defer(...keys: string[]): ColumnOption {
  return new ColumnOption('defer', keys)
}

/**
 * Loads these columns although another option of the query defers them.
 *
 * ```ts
 * await session.scalars(select(User).options(loadOnly("name"), undefer("email")))
 * ```
 */
export function undefer(...keys: string[]): ColumnOption {
  return new ColumnOption('undefer', keys)
}

/** The columns the options defer for the queried class (never a primary key or version column). */
export function deferredKeysOf(mapper: EntityMapper, options: readonly object[]): Set<string> {
  const deferred = new Set<string>()
  const undeferred = new Set<string>()
  const columnOptions = options.filter((option): option is ColumnOption => option instanceof ColumnOption)
  for (const option of columnOptions) {
    for (const key of option.keys) {
      if (!mapper.columnByKey.has(key)) throw new ArgumentError(`${option.mode}("${key}"): ${mapper.className} has no column "${key}" (its columns: ${[...mapper.columnByKey.keys()].join(', ')}).`)
      if (option.mode !== 'undefer' && (mapper.primaryKeyKeys.includes(key) || mapper.versionKey === key)) throw new ArgumentError(`${option.mode}("${key}"): ${mapper.className}.${key} identifies the row and is always loaded.`)
    }
    if (option.mode === 'loadOnly') {
      for (const key of mapper.columnByKey.keys()) if (!option.keys.includes(key) && !mapper.primaryKeyKeys.includes(key) && mapper.versionKey !== key) deferred.add(key)
    } else if (option.mode === 'defer') {
      for (const key of option.keys) deferred.add(key)
    } else {
      for (const key of option.keys) undeferred.add(key)
    }
  }
  for (const key of undeferred) deferred.delete(key)
  return deferred
}

/** The statement without the deferred columns of its entity (the one keyed with `prefix`, in `select(User, Post)`) in the select list. */
export function withoutDeferred(statement: Select<unknown>, deferred: ReadonlySet<string>, prefix = ''): Select<unknown> {
  if (deferred.size === 0) return statement
  const isDeferred = (column: Partial<EntityResultColumn>): boolean => column.group?.prefix === prefix && deferred.has(column.propertyKey as string)
  const columns = statement.node.columns.filter((column) => !isDeferred(column))
  return new Select(Object.freeze({ ...statement.node, columns: Object.freeze(columns) }))
}
