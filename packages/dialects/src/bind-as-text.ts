import type { SqlType, TypeProcessor } from '@athanor/core'
import { formatUtcDate, formatUtcTimestamp, toBuffer } from './utc-time'

/**
 * JS → driver for databases without native boolean, timestamp or JSON binding (SQLite, MySQL):
 * booleans as 0/1, dates and timestamps as UTC text, JSON as text, Uint8Array as Buffer.
 */
export function bindAsText(type: SqlType): TypeProcessor | undefined {
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
