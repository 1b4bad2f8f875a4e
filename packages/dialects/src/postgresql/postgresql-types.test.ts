import { sqlType } from '@athanor/core'
import { formatUtcTimestamp, parseUtcTimestamp } from '../utc-time'
import { postgresBindProcessor, postgresResultProcessor } from './postgresql-types'

describe('PostgreSQL timestamp text', () => {
  it('reads text without an offset as UTC, keeping milliseconds', () => {
    expect(parseUtcTimestamp('2024-05-01 12:30:00.123456').toISOString()).toBe('2024-05-01T12:30:00.123Z')
    expect(parseUtcTimestamp('2024-05-01 12:30:00').toISOString()).toBe('2024-05-01T12:30:00.000Z')
    expect(parseUtcTimestamp('2024-05-01 12:30:00.5').toISOString()).toBe('2024-05-01T12:30:00.500Z')
  })

  it('applies the offset of timestamptz text', () => {
    expect(parseUtcTimestamp('2024-05-01 12:30:00+00').toISOString()).toBe('2024-05-01T12:30:00.000Z')
    expect(parseUtcTimestamp('2024-05-01 12:30:00.25+05:30').toISOString()).toBe('2024-05-01T07:00:00.250Z')
    expect(parseUtcTimestamp('2024-05-01 12:30:00-02').toISOString()).toBe('2024-05-01T14:30:00.000Z')
  })

  it('reads early and BC years', () => {
    expect(parseUtcTimestamp('0099-01-02 03:04:05').getUTCFullYear()).toBe(99)
    expect(parseUtcTimestamp('0044-03-15 12:00:00 BC').getUTCFullYear()).toBe(-43)
  })

  it('writes UTC wall-clock time', () => {
    expect(formatUtcTimestamp(new Date('1999-12-31T23:59:59.009Z'))).toBe('1999-12-31 23:59:59.009')
  })
})

describe('PostgreSQL type processors', () => {
  const read = (type: Parameters<typeof sqlType>[0], value: unknown, options = {}): unknown => {
    const processor = postgresResultProcessor(sqlType(type, options))
    return processor ? processor(value) : value
  }

  it('reads int8 and numeric text exactly or as numbers, by mode', () => {
    expect(read('integer', '42')).toBe(42)
    expect(read('bigint', '9007199254740993', { mode: 'bigint' })).toBe(9007199254740993n)
    expect(read('bigint', '12', { mode: 'number' })).toBe(12)
    expect(read('numeric', '1.10', { mode: 'string' })).toBe('1.10')
    expect(read('numeric', '1.10', { mode: 'number' })).toBe(1.1)
    expect(read('double', '1.50000000000000000000')).toBe(1.5)
  })

  it('reads timestamps as Dates and leaves dates as text', () => {
    expect(read('timestamp', '2024-05-01 12:30:00.123')).toEqual(new Date('2024-05-01T12:30:00.123Z'))
    expect(read('date', '2024-02-29')).toBe('2024-02-29')
  })

  it('binds Dates per column type', () => {
    const at = new Date('2024-05-01T12:30:00.123Z')
    expect(postgresBindProcessor(sqlType('timestamp'))?.(at)).toBe('2024-05-01 12:30:00.123')
    expect(postgresBindProcessor(sqlType('timestamp', { withTimezone: true }))?.(at)).toBe('2024-05-01T12:30:00.123Z')
    expect(postgresBindProcessor(sqlType('date'))?.(at)).toBe('2024-05-01')
    expect(postgresBindProcessor(sqlType('jsonb'))?.(['a'])).toBe('["a"]')
  })
})
