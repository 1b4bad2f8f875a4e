import { type ColumnBuilder, columnBuilder } from './column-builder'
import { sqlType } from './sql-type'

/** Options every column type takes. */
export interface ColumnOptions {
  /** The SQL column name, when it is not the property name in snake_case. */
  readonly name?: string
}

/** 32-bit integer → number. */
export function integer(options: ColumnOptions = {}): ColumnBuilder<number> {
  return columnBuilder(sqlType<number>('integer'), options.name)
}

/** 16-bit integer → number. */
export function smallint(options: ColumnOptions = {}): ColumnBuilder<number> {
  return columnBuilder(sqlType<number>('smallint'), options.name)
}

/** 64-bit integer → bigint (exact), or number with `{ mode: "number" }`. */
export function bigint(options?: ColumnOptions & { readonly mode?: 'bigint' }): ColumnBuilder<bigint>
export function bigint(options: ColumnOptions & { readonly mode: 'number' }): ColumnBuilder<number>
export function bigint(options: ColumnOptions & { readonly mode?: 'bigint' | 'number' } = {}): ColumnBuilder<bigint> | ColumnBuilder<number> {
  return columnBuilder(sqlType<bigint>('bigint', { mode: options.mode ?? 'bigint' }), options.name)
}

/** Single-precision float → number. */
export function real(options: ColumnOptions = {}): ColumnBuilder<number> {
  return columnBuilder(sqlType<number>('real'), options.name)
}

/** Double-precision float → number. */
export function double(options: ColumnOptions = {}): ColumnBuilder<number> {
  return columnBuilder(sqlType<number>('double'), options.name)
}

/** Exact decimal → string (exact), or number with `{ mode: "number" }`. */
export function numeric(precision?: number, scale?: number, options?: ColumnOptions & { readonly mode?: 'string' }): ColumnBuilder<string>
export function numeric(precision: number | undefined, scale: number | undefined, options: ColumnOptions & { readonly mode: 'number' }): ColumnBuilder<number>
export function numeric(
  precision?: number,
  scale?: number,
  options: ColumnOptions & { readonly mode?: 'string' | 'number' } = {},
): ColumnBuilder<string> | ColumnBuilder<number> {
  return columnBuilder(sqlType<string>('numeric', { precision, scale, mode: options.mode ?? 'string' }), options.name)
}

/** VARCHAR(length) → string. */
export function varchar(length: number, options: ColumnOptions = {}): ColumnBuilder<string> {
  return columnBuilder(sqlType<string>('varchar', { length }), options.name)
}

/** Unbounded text → string (exported as `text()` with no SQL argument). */
export function textColumn(options: ColumnOptions = {}): ColumnBuilder<string> {
  return columnBuilder(sqlType<string>('text'), options.name)
}

/** Boolean → boolean (0/1 on databases without a boolean type). */
export function boolean(options: ColumnOptions = {}): ColumnBuilder<boolean> {
  return columnBuilder(sqlType<boolean>('boolean'), options.name)
}

/** A calendar date → string `YYYY-MM-DD` (no time zone to get wrong); accepts a Date on input. */
export function date(options: ColumnOptions = {}): ColumnBuilder<string> {
  return columnBuilder(sqlType<string>('date'), options.name)
}

/** Date and time → Date. Without time zone, values are stored and read as UTC. */
export function timestamp(options: ColumnOptions & { readonly withTimezone?: boolean } = {}): ColumnBuilder<Date> {
  return columnBuilder(sqlType<Date>('timestamp', { withTimezone: options.withTimezone ?? false }), options.name)
}

/** Time of day → string `HH:MM:SS[.fff]`. */
export function time(options: ColumnOptions = {}): ColumnBuilder<string> {
  return columnBuilder(sqlType<string>('time'), options.name)
}

/** JSON document → the parsed value, typed as `T`. */
export function json<T = unknown>(options: ColumnOptions = {}): ColumnBuilder<T> {
  return columnBuilder(sqlType<T>('json'), options.name)
}

/** Binary JSON where the database has it (PostgreSQL), JSON elsewhere. */
export function jsonb<T = unknown>(options: ColumnOptions = {}): ColumnBuilder<T> {
  return columnBuilder(sqlType<T>('jsonb'), options.name)
}

/** UUID → string. */
export function uuid(options: ColumnOptions = {}): ColumnBuilder<string> {
  return columnBuilder(sqlType<string>('uuid'), options.name)
}

/** Binary data → Buffer (a Uint8Array). */
export function blob(options: ColumnOptions = {}): ColumnBuilder<Uint8Array> {
  return columnBuilder(sqlType<Uint8Array>('blob'), options.name)
}

/** Alias of `blob`. */
export const bytes = blob

/**
 * One of a fixed set of strings → their union type: `enumType(["draft", "published"])`.
 * (`enum` is a reserved word in TypeScript, hence the name.)
 */
export function enumType<const V extends readonly [string, ...string[]]>(values: V, options: ColumnOptions & { readonly enumName?: string } = {}): ColumnBuilder<V[number]> {
  return columnBuilder(sqlType<V[number]>('enum', { values, enumName: options.enumName }), options.name)
}
