import type { SqlType, TypeProcessor } from '@athanor/core'
import { bindAsText } from '../bind-as-text'
import { parseUtcTimestamp } from '../utc-time'

// The driver is configured (mysql-driver.ts) to hand over raw text wherever a JS number could lose
// precision or a Date could pick up the client's time zone: BIGINT and DECIMAL arrive as strings,
// DATE/DATETIME as text, JSON as text. These processors turn that text into the shared JS values.

// COUNT(*) and SUM() over integers are BIGINT or DECIMAL, so they arrive as strings.
const toNumber: TypeProcessor = (value) => (typeof value === 'string' ? Number(value) : value)

/** JS → MySQL: see bindAsText (the session runs at UTC, so DATETIME text is UTC). */
export const mysqlBindProcessor = bindAsText

/** MySQL → JS, giving the same values as the other dialects. */
export function mysqlResultProcessor(type: SqlType | undefined): TypeProcessor | undefined {
  if (type === undefined) return undefined
  switch (type.name) {
    // BOOLEAN is TINYINT(1); a comparison in the select list is a BIGINT, which arrives as a string.
    case 'boolean':
      return (value) => (value === null ? null : Number(value) !== 0)
    case 'timestamp':
      return (value) => (typeof value === 'string' ? parseUtcTimestamp(value) : value)
    case 'time':
      return (value) => (typeof value === 'string' ? trimFraction(value) : value)
    case 'json':
    case 'jsonb':
      return (value) => (typeof value === 'string' ? JSON.parse(value) : value)
    case 'numeric':
      return type.mode === 'number' ? (value) => (value === null ? null : Number(value)) : numericToString(type.scale)
    case 'bigint':
      return type.mode === 'number' ? toNumber : (value) => (typeof value === 'string' || typeof value === 'number' ? BigInt(value) : value)
    case 'real':
      return (value) => (typeof value === 'number' ? shortestFloat32(value) : toNumber(value))
    case 'integer':
    case 'smallint':
    case 'double':
      return toNumber
    default:
      return undefined
  }
}

// TIME(3) reads back as "12:34:56.500" (text protocol) or "12:34:56.5" (binary protocol); both
// become "12:34:56.5", and "12:34:56.000" becomes "12:34:56", as other databases print them.
function trimFraction(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value
}

// A DECIMAL without a declared scale is created as decimal(65, 30) (mysql-compiler.ts); its
// padding zeros are dropped so "1.1" reads back as "1.1". A declared scale keeps them ("1.10").
function numericToString(scale: number | undefined): TypeProcessor {
  return (value) => {
    if (value === null) return null
    if (typeof value === 'string') return scale === undefined && value.includes('.') ? value.replace(/\.?0+$/, '') : value
    return scale === undefined ? String(value) : Number(value).toFixed(scale)
  }
}

// FLOAT is single precision: the binary protocol widens 0.1 to 0.10000000149011612. The shortest
// decimal that rounds to the same float32 is what was stored (and what the text protocol prints).
function shortestFloat32(value: number): number {
  const stored = Math.fround(value)
  if (stored !== value || !Number.isFinite(value)) return value
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits))
    if (Math.fround(candidate) === stored) return candidate
  }
  return Number(value.toPrecision(9))
}
