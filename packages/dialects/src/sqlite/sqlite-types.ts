import type { ResultContext, SqlType, TypeProcessor } from '@athanor/core'
import { bindAsText } from '../bind-as-text'
import { parseUtcTimestamp } from '../utc-time'

const bigIntToNumber: TypeProcessor = (value) => (typeof value === 'bigint' ? Number(value) : value)

/** JS → SQLite: see bindAsText. */
export const sqliteBindProcessor = bindAsText

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
