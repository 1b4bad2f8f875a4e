/**
 * A column's SQL type as data. Dialects read `name` and the options to pick the DDL type and the
 * type processors; `T` is the JavaScript type of its values, carried only at the type level.
 */
export interface SqlType<T = unknown> {
  readonly name: SqlTypeName
  /** varchar length. */
  readonly length?: number
  /** numeric precision and scale. */
  readonly precision?: number
  readonly scale?: number
  /** timestamp / time with time zone. */
  readonly withTimezone?: boolean
  /** enum members. */
  readonly values?: readonly string[]
  /** enum type name, where the database has named enum types. */
  readonly enumName?: string
  /** How bigint and numeric values reach JavaScript. */
  readonly mode?: 'number' | 'string' | 'bigint'
  /** Phantom: the JavaScript value type. Never set at runtime. */
  readonly __value?: T
}

export type SqlTypeName =
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'real'
  | 'double'
  | 'numeric'
  | 'varchar'
  | 'text'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'json'
  | 'jsonb'
  | 'uuid'
  | 'blob'
  | 'enum'

/** Builds a frozen SqlType. */
export function sqlType<T>(name: SqlTypeName, options: Omit<SqlType<T>, 'name' | '__value'> = {}): SqlType<T> {
  return Object.freeze({ name, ...options }) as SqlType<T>
}

/** Types whose values are JS numbers; used to infer the type of a bare number literal. */
export const INTEGER_TYPE: SqlType<number> = sqlType('integer')
export const REAL_TYPE: SqlType<number> = sqlType('double')
export const TEXT_TYPE: SqlType<string> = sqlType('text')
export const BOOLEAN_TYPE: SqlType<boolean> = sqlType('boolean')
export const TIMESTAMP_TYPE: SqlType<Date> = sqlType('timestamp')
export const BIGINT_TYPE: SqlType<bigint> = sqlType('bigint')
export const BLOB_TYPE: SqlType<Uint8Array> = sqlType('blob')
export const JSON_TYPE: SqlType<unknown> = sqlType('json')

/** The SqlType of a JavaScript value bound without a column to compare with (e.g. `literal(3)`). */
export function inferSqlType(value: unknown): SqlType | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? INTEGER_TYPE : REAL_TYPE
    case 'string':
      return TEXT_TYPE
    case 'boolean':
      return BOOLEAN_TYPE
    case 'bigint':
      return BIGINT_TYPE
    case 'object':
      if (value instanceof Date) return TIMESTAMP_TYPE
      if (value instanceof Uint8Array) return BLOB_TYPE
      return value === null ? undefined : JSON_TYPE
    default:
      return undefined
  }
}
