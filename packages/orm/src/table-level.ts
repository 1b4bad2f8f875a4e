import type { AnyColumn, AnyTable } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { MappingError } from './errors/mapping-error'
import { foreignKeysOf } from './foreign-keys'
import { type IdentityKey, identityKeyOf } from './identity-key'

/** A key column of a table of a joined hierarchy, with the property key of the root table's key column it equals. */
export interface LevelKeyPair {
  readonly column: AnyColumn
  readonly rootKey: string
}

/**
 * One table of a joined-table inheritance hierarchy, as the flush writes it: `employees`, then
 * `managers` for a `Manager`. It has what INSERTs need of a mapper (so `insertStates` takes it),
 * and its key columns lined up with the root table's key, whose values they copy.
 */
export interface TableLevel {
  readonly table: AnyTable
  readonly columns: readonly AnyColumn[]
  readonly columnByKey: ReadonlyMap<string, AnyColumn>
  readonly primaryKey: readonly AnyColumn[]
  readonly primaryKeyKeys: readonly string[]
  /** This table's key columns in the order of the root table's primary key. */
  readonly keyPairs: readonly LevelKeyPair[]
  /** The identity of the row these values describe in this table alone (to match RETURNING rows). */
  identityOf(values: Readonly<Record<string, unknown>>): IdentityKey | undefined
}

/**
 * The level of a hierarchy's root table (its key columns are the root key).
 *
 * ```ts
 * tableLevelOf(employees).keyPairs // [{ column: employees.c.id, rootKey: "id" }]
 * ```
 */
export function tableLevelOf(table: AnyTable, keyPairs: readonly LevelKeyPair[] = table.primaryKey.map((column) => ({ column, rootKey: column.key }))): TableLevel {
  const tableKey = table.schema ? `${table.schema}.${table.name}` : table.name
  const primaryKeyKeys = table.primaryKey.map((column) => column.key)
  return Object.freeze({
    table,
    columns: table.columns,
    columnByKey: new Map(table.columns.map((column) => [column.key, column])),
    primaryKey: table.primaryKey,
    primaryKeyKeys,
    keyPairs,
    identityOf: (values: Readonly<Record<string, unknown>>) => identityKeyOf(tableKey, primaryKeyKeys.map((key) => values[key])),
  })
}

/**
 * The level of a joined subclass's own table: its primary key must be a foreign key to the
 * parent class's table's primary key (`managers.id → employees.id`), or the mapping fails.
 *
 * ```ts
 * joinedLevelOf("Manager", mapperOf(Employee), managers).keyPairs // [{ column: managers.c.id, rootKey: "id" }]
 * ```
 */
export function joinedLevelOf(className: string, parent: EntityMapper, table: AnyTable): TableLevel {
  const parentLevel = parent.levels?.at(-1) ?? tableLevelOf(parent.table, parent.primaryKey.map((column) => ({ column, rootKey: column.key })))
  const isKey = (column: AnyColumn): boolean => table.primaryKey.includes(column)
  const key = foreignKeysOf(table).find(
    (candidate) =>
      candidate.referencedTable === parent.table.node &&
      candidate.columns.length === table.primaryKey.length &&
      candidate.columns.every(isKey) &&
      parentLevel.keyPairs.every((pair) => candidate.referenced.includes(pair.column)),
  )
  if (key === undefined || table.primaryKey.length !== parentLevel.keyPairs.length) {
    throw MappingError.invalid(className, `joined-table inheritance needs the primary key of ${table.name} to be a foreign key to the primary key of ${parent.table.name} (e.g. id: integer().primaryKey().references(() => ${parent.table.name}.c.id)).`)
  }
  return tableLevelOf(
    table,
    parentLevel.keyPairs.map((pair) => ({ column: key.columns[key.referenced.indexOf(pair.column)], rootKey: pair.rootKey })),
  )
}

/**
 * The columns a joined subclass's table adds to the attributes of its parent class: all but the
 * key columns named like the root key (one attribute, `id`, holds the value of both).
 *
 * ```ts
 * ownColumnsOf("Manager", mapperOf(Employee), managers) // [managers.c.budget]
 * ```
 */
export function ownColumnsOf(className: string, parent: EntityMapper, table: AnyTable): AnyColumn[] {
  const rootKeys = new Set(parent.primaryKeyKeys)
  const own: AnyColumn[] = []
  for (const column of table.columns) {
    if (table.primaryKey.includes(column) && rootKeys.has(column.key)) continue
    if (parent.columnByKey.has(column.key)) throw MappingError.invalid(className, `column "${column.key}" of ${table.name} has the same property key as a column of ${parent.className}; give it another key.`)
    own.push(column)
  }
  return own
}
