import type { SqlType, TypeProcessor } from '@athanor/core'
import { formatUtcDate, formatUtcTimestamp, parseUtcTimestamp, toBuffer } from '../utc-time'

/** JS → PostgreSQL: dates and timestamps as unambiguous text, JSON as text, Uint8Array as Buffer. */
export function postgresBindProcessor(type: SqlType): TypeProcessor | undefined {
  switch (type.name) {
    case 'timestamp':
      return type.withTimezone
        ? (value) => (value instanceof Date ? value.toISOString() : value)
        : (value) => (value instanceof Date ? formatUtcTimestamp(value) : value)
    case 'date':
      return (value) => (value instanceof Date ? formatUtcDate(value) : value)
    case 'json':
    case 'jsonb':
      // pg would send a JS array as a PostgreSQL array literal; stringifying sends every value as JSON.
      return (value) => JSON.stringify(value)
    case 'blob':
      return toBuffer
    default:
      return undefined
  }
}

// The driver returns int8, numeric, date, timestamp and timestamptz as raw text (see
// postgresql-driver.ts); these turn that text into the JS value the column's type promises.
const toNumber: TypeProcessor = (value) => (typeof value === 'string' ? Number(value) : value)
const toBigInt: TypeProcessor = (value) => (typeof value === 'string' || typeof value === 'number' ? BigInt(value) : value)
const toNumericString: TypeProcessor = (value) => (typeof value === 'number' ? String(value) : value)
const toTimestamp: TypeProcessor = (value) => (typeof value === 'string' ? parseUtcTimestamp(value) : value)
// A bare bound value in a select list (`select $1`) comes back as text.
const toBoolean: TypeProcessor = (value) => (typeof value === 'string' ? value === 't' || value === 'true' : value)

/**
 * PostgreSQL → JS. int8 results also come from count(*) and sum() over integers, which core types
 * as integer, so number types accept text too.
 */
export function postgresResultProcessor(type: SqlType | undefined): TypeProcessor | undefined {
  if (type === undefined) return undefined
  switch (type.name) {
    case 'integer':
    case 'smallint':
    case 'real':
    case 'double':
      return toNumber
    case 'bigint':
      return type.mode === 'number' ? toNumber : toBigInt
    case 'numeric':
      return type.mode === 'number' ? toNumber : toNumericString
    case 'timestamp':
      return toTimestamp
    case 'boolean':
      return toBoolean
    default:
      return undefined
  }
}
