import type { TypeProcessor } from '@athanor/core'

/** Date and time text shared by the dialects: every timestamp without time zone is stored as UTC. */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** A Date as a UTC calendar date: `YYYY-MM-DD`. */
export function formatUtcDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/**
 * A Date as `timestamp without time zone` text holding the UTC wall-clock time
 * (`YYYY-MM-DD HH:MM:SS.SSS`), so the stored value does not depend on any time zone setting.
 */
export function formatUtcTimestamp(date: Date): string {
  return `${formatUtcDate(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
}

// Timestamp text as the databases write it: `2024-05-01 12:30:00.123456` (or with a `T`), an offset such
// as `+00` / `+05:30` for PostgreSQL's timestamptz, ` BC` for old dates.
// https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-DATETIME-OUTPUT
const TIMESTAMP_TEXT = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?|Z)?( BC)?$/

/**
 * Reads timestamp text as the driver returns it raw; text without an offset is UTC. `infinity`
 * and `-infinity` have no Date and read as an invalid Date.
 */
export function parseUtcTimestamp(text: string): Date {
  const match = TIMESTAMP_TEXT.exec(text)
  if (match === null) return new Date(Number.NaN)
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes, offsetSeconds, era] = match
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  // Date.UTC maps years 0–99 to 1900–1999, so the year is set separately.
  const date = new Date(Date.UTC(2000, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), milliseconds))
  date.setUTCFullYear(era === undefined ? Number(year) : 1 - Number(year))
  if (sign === undefined) return date
  const offsetMs = ((Number(offsetHours) * 60 + Number(offsetMinutes ?? 0)) * 60 + Number(offsetSeconds ?? 0)) * 1000
  return new Date(date.getTime() - (sign === '+' ? offsetMs : -offsetMs))
}

/** A Uint8Array as the Buffer the drivers expect. */
export const toBuffer: TypeProcessor = (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value)

