import type { SqlType, TableSchema } from '@athanor/core'

/** A table definition reduced to what can be compared across model and database, as plain JSON data. */
export interface ComparableTable {
  readonly name: string
  readonly columns: readonly ComparableColumn[]
  readonly primaryKey: readonly string[]
  readonly foreignKeys: readonly { readonly columns: readonly string[]; readonly referencedTable: string; readonly referencedColumns: readonly string[]; readonly onDelete: string | undefined; readonly onUpdate: string | undefined }[]
  readonly uniques: readonly (readonly string[])[]
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[]; readonly isUnique: boolean }[]
}

export interface ComparableColumn {
  readonly name: string
  readonly type: string
  readonly isNullable: boolean
  readonly hasServerDefault: boolean
}

/**
 * Reduces a TableSchema to comparable data: type spelled as one string, constraint names dropped
 * (databases invent them), lists sorted. Default expressions are compared by presence only,
 * because each database rewrites them (`0` → `'0'::integer`).
 *
 * @example
 * expect(comparableTable(reflected)).toEqual(comparableTable(users.toSchema()))
 */
export function comparableTable(schema: TableSchema): ComparableTable {
  const sorted = <T>(items: T[]): T[] => items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  return {
    name: schema.table.name,
    columns: schema.columns.map((column) => ({ name: column.name, type: typeSignature(column.type), isNullable: column.isNullable, hasServerDefault: column.serverDefault !== undefined })),
    primaryKey: [...schema.primaryKey],
    foreignKeys: sorted(
      schema.foreignKeys.map((fk) => ({ columns: [...fk.columns], referencedTable: fk.referencedTable.name, referencedColumns: [...fk.referencedColumns], onDelete: normaliseAction(fk.onDelete), onUpdate: normaliseAction(fk.onUpdate) })),
    ),
    uniques: sorted(schema.uniques.map((constraint) => [...constraint.columns])),
    indexes: sorted(schema.indexes.map((definition) => ({ name: definition.name, columns: [...definition.columns], isUnique: definition.isUnique }))),
  }
}

/** `varchar(50)`, `numeric(10,2)`, `timestamp tz`: the parts of a type a database keeps. */
export function typeSignature(type: SqlType): string {
  switch (type.name) {
    case 'varchar':
      return `varchar(${type.length ?? ''})`
    case 'numeric':
      return type.precision === undefined ? 'numeric' : `numeric(${type.precision},${type.scale ?? 0})`
    case 'timestamp':
    case 'time':
      return type.withTimezone ? `${type.name} tz` : type.name
    case 'enum':
      return `enum(${(type.values ?? []).join(',')})`
    default:
      return type.name
  }
}

// No action and restrict behave alike at statement end on MySQL and are the default everywhere.
function normaliseAction(action: string | undefined): string | undefined {
  return action === 'no action' || action === 'restrict' ? undefined : action
}
