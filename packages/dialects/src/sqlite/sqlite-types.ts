import type { ResultContext, SqlType, TypeProcessor } from '@athanor/core'
import { formatUtcDate, formatUtcTimestamp, parseUtcTimestamp, toBuffer } from '../utc-time'

const bigIntToNumber: TypeProcessor = (value) => (typeof value === 'bigint' ? Number(value) : value)

/** JS → SQLite: booleans as 0/1, dates as UTC text, JSON as text, Uint8Array as Buffer. */
export function sqliteBindProcessor(type: SqlType): TypeProcessor | undefined {
  switch (type.name) {
    case 'boolean':
      return (value) => (value ? 1 : 0)
    case 'timestamp':
      return (value) => (value instanceof Date ? formatUtcTimestamp(value) : value)
    case 'date':
      return (value) => (value instanceof Date ? formatUtcDate(value) : value)
    case 'json':
    case 'jsonb':
      return (value) => JSON.stringify(value)
    case 'blob':
      return toBuffer
    default:
      return undefined
  }
}

/** SQLite → JS. With `readsBigIntegers` the driver returns every integer as a BigInt, so the others convert back. */
export function sqliteResultProcessor(type: SqlType | undefined, context: ResultContext): TypeProcessor | undefined {
  if (type === undefined) return context.readsBigIntegers ? bigIntToNumber : undefined
  switch (type.name) {
    case 'boolean':
      return (value) => (value === null ? null : value !== 0 && value !== 0n)
    case 'timestamp':
      return (value) => (typeof value === 'string' ? parseUtcTimestamp(value) : value)
    case 'json':
    case 'jsonb':
      return (value) => (typeof value === 'string' ? JSON.parse(value) : value)
    case 'numeric':
      return type.mode === 'number' ? (value) => (value === null ? null : Number(value)) : numericToString(type.scale)
    case 'bigint':
      return type.mode === 'number' && context.readsBigIntegers ? bigIntToNumber : undefined
    case 'integer':
    case 'smallint':
    case 'real':
    case 'double':
      return context.readsBigIntegers ? bigIntToNumber : undefined
    default:
      return undefined
  }
}

// SQLite stores NUMERIC as INTEGER or REAL; the declared scale restores the exact text ("1.10", not "1.1").
function numericToString(scale: number | undefined): TypeProcessor {
  return (value) => {
    if (value === null || typeof value === 'string') return value
    return scale === undefined ? String(value) : Number(value).toFixed(scale)
  }
}
