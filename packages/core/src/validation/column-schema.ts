import { z } from 'zod'
import type { AnyColumn } from '../schema/column'
import type { SqlType } from '../schema/sql-type'

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 }
const INT16 = { min: -32_768, max: 32_767 }
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/
const DATE_TEXT = /^\d{4,}-\d\d-\d\d$/

const pad = (value: number): string => String(value).padStart(2, '0')

/** A date column takes a Date or `YYYY-MM-DD` text and yields the text the column stores. */
const dateSchema = z
  .union([z.date(), z.string().regex(DATE_TEXT, 'expected a date as YYYY-MM-DD')])
  .transform((value) => (value instanceof Date ? `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` : value))

/** A timestamp column takes a Date or an ISO 8601 string and yields a Date. */
const timestampSchema = z
  .union([z.date(), z.iso.datetime({ offset: true, local: true })])
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((value) => !Number.isNaN(value.getTime()), 'expected a valid date and time')

/** The zod schema of one column's non-null value, following its SQL type. */
export function valueSchemaOf(type: SqlType): z.ZodType {
  switch (type.name) {
    case 'integer':
      return z.number().int().min(INT32.min).max(INT32.max)
    case 'smallint':
      return z.number().int().min(INT16.min).max(INT16.max)
    case 'bigint':
      return type.mode === 'number' ? z.number().int() : z.bigint()
    case 'real':
    case 'double':
      return z.number()
    case 'numeric':
      // Exact decimals stay text so no precision is lost on the way to the database.
      return type.mode === 'number' ? z.number() : z.string().regex(DECIMAL_TEXT, 'expected a decimal number as text, e.g. "12.50"')
    case 'varchar':
      return type.length === undefined ? z.string() : z.string().max(type.length)
    case 'text':
    case 'time':
      return z.string()
    case 'uuid':
      return z.uuid()
    case 'boolean':
      return z.boolean()
    case 'date':
      return dateSchema
    case 'timestamp':
      return timestampSchema
    case 'json':
    case 'jsonb':
      return z.unknown()
    case 'blob':
      return z.instanceof(Uint8Array)
    case 'enum':
      return z.enum((type.values ?? []) as [string, ...string[]])
  }
}

/** The schema of a column as read or written: nullable when the column is. */
export function columnSchemaOf(column: AnyColumn): z.ZodType {
  const value = valueSchemaOf(column.config.type)
  return column.config.isNullable ? value.nullable() : value
}
