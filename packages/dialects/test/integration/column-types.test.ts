import {
  MetaData,
  bigint,
  blob,
  boolean,
  date,
  double,
  enumType,
  insert,
  integer,
  json,
  jsonb,
  numeric,
  real,
  select,
  smallint,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const values = metadata.table('ct_values', {
  id: integer().primaryKey(),
  small: smallint(),
  whole: integer(),
  big: bigint(),
  bigAsNumber: bigint({ mode: 'number' }),
  single: real(),
  float: double(),
  exact: numeric(12, 2),
  exactAsNumber: numeric(12, 4, { mode: 'number' }),
  short: varchar(20),
  long: text(),
  flag: boolean(),
  day: date(),
  at: timestamp(),
  atZoned: timestamp({ withTimezone: true }),
  clock: time(),
  document: json<{ tags: string[]; nested: { n: number } }>(),
  binaryDocument: jsonb<number[]>(),
  identifier: uuid(),
  bytes: blob(),
  mood: enumType(['happy', 'sad']),
})

const full = {
  small: -32768,
  whole: 2147483647,
  big: 9007199254740993n, // 2^53 + 1: not representable as a JS number
  bigAsNumber: 123456789012,
  single: 1.5,
  float: 3.141592653589793,
  exact: '12345678.90',
  exactAsNumber: 12.3456,
  short: 'héllo wörld ✓',
  long: 'x'.repeat(10_000),
  flag: true,
  day: '2024-02-29',
  at: new Date('2024-03-01T12:34:56.789Z'),
  atZoned: new Date('1999-12-31T23:59:59.001Z'),
  clock: '13:45:30',
  document: { tags: ['a', 'b'], nested: { n: 1 } },
  binaryDocument: [1, 2, 3],
  identifier: '123e4567-e89b-12d3-a456-426614174000',
  bytes: Buffer.from([0, 1, 2, 250, 255]),
  mood: 'sad' as const,
}

describeEachDialect('every column type round-trips', { metadata }, (db) => {
  it('reads back exactly what it wrote', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(values).values({ id: 1, ...full }))
    })
    const connection = await db.engine.connect()
    try {
      const row = (await connection.execute(select(values).where(values.c.id.eq(1)))).one()
      const { clock, ...rest } = row
      expect(rest).toEqual({ id: 1, ...fullWithout(full, 'clock') })
      expect(clock?.startsWith('13:45:30')).toBe(true)
      expect(typeof row.big).toBe('bigint')
      expect(Buffer.isBuffer(row.bytes)).toBe(true)
      expect(row.at).toBeInstanceOf(Date)
    } finally {
      await connection.close()
    }
  })

  it('reads NULL as null for every nullable column', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(values).values({ id: 2 }))
    })
    const connection = await db.engine.connect()
    try {
      const row = (await connection.execute(select(values).where(values.c.id.eq(2)))).one()
      for (const [key, value] of Object.entries(row)) if (key !== 'id') expect([key, value]).toEqual([key, null])
    } finally {
      await connection.close()
    }
  })

  it('compares typed values (booleans, timestamps, dates) in WHERE', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(values).values({ id: 3, day: '2020-01-02', flag: false, at: new Date('2020-01-02T03:04:05.006Z') }))
      const found = await connection.execute(
        select(values.c.id, values.c.day).where(values.c.flag.eq(false), values.c.at.gt(new Date('2020-01-01T00:00:00Z')), values.c.day.eq('2020-01-02')),
      )
      expect(found.all()).toEqual([{ id: 3, day: '2020-01-02' }])
      await connection.rollback()
    } finally {
      await connection.close()
    }
  })
})

function fullWithout<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
  const copy = { ...object }
  delete copy[key]
  return copy
}
