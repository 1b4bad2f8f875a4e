import {
  ArgumentError,
  type Connection,
  DatabaseError,
  type InferRow,
  MetaData,
  bigint,
  boolean,
  date,
  deleteFrom,
  insert,
  integer,
  select,
  text,
  timestamp,
  varchar,
} from '@athanor/core'
import { DATABASE_URLS, type DialectName } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const items = metadata.table('stream_items', {
  id: integer().primaryKey(),
  name: varchar(20).notNull(),
  isEven: boolean().notNull(),
  day: date().notNull(),
  createdAt: timestamp().notNull(),
  big: bigint().notNull(),
})

const ROWS = 25_000
const everyItem = select(items).orderBy(items.c.id)

function itemRow(id: number): InferRow<typeof items> {
  return {
    id,
    name: `item ${id}`,
    isEven: id % 2 === 0,
    day: `2024-01-${String((id % 28) + 1).padStart(2, '0')}`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, id % 86_400)),
    big: BigInt(id) * 1_000_000_000_000n,
  }
}

/** Server-side cursors this connection holds (PostgreSQL's pg_cursors is per session). */
async function openCursors(connection: Connection): Promise<number> {
  return Number((await connection.execute(text<{ n: unknown }>('select count(*) as n from pg_cursors'))).scalar())
}

/** A query that fails on row 1501, after 1500 good rows have been fetched. */
function failingMidway(dialect: DialectName): string {
  switch (dialect) {
    case 'postgresql':
      return 'select id, 1 / (id - 1501) as q from stream_items order by id'
    case 'mysql':
      // MySQL/MariaDB raise "BIGINT value is out of range" (1690) for the row that overflows.
      return 'select id, case when id > 1500 then 9223372036854775807 + id else id end as q from stream_items order by id'
    case 'sqlite':
      // SQLite turns an overflowing + into a REAL, but abs() of the smallest integer is an error.
      return 'select id, abs(case when id > 1500 then -9223372036854775807 - 1 else id end) as q from stream_items order by id'
  }
}

describeEachDialect('streaming results', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(items))
      await connection.execute(insert(items).values(Array.from({ length: ROWS }, (_, index) => itemRow(index + 1))))
    })
  })

  afterEach(() => {
    expect(db.engine.pool.status().checkedOut).toBe(0)
  })

  it('streams every row in batches, typed and converted exactly as execute returns them', async () => {
    const connection = await db.engine.connect()
    try {
      const expected = (await connection.execute(everyItem)).all()
      const streamed: (typeof expected)[number][] = []
      for await (const row of connection.stream(everyItem, { batchSize: 777 })) streamed.push(row)
      expect(streamed).toHaveLength(ROWS)
      expect(streamed[0]).toEqual(itemRow(1))
      expect(streamed[ROWS - 1]).toEqual(itemRow(ROWS))
      expect(typeof streamed[1].isEven).toBe('boolean')
      expect(streamed[1].createdAt).toBeInstanceOf(Date)
      expect(typeof streamed[1].big).toBe('bigint')
      expect(streamed).toEqual(expected)
      // The stream ran in the connection's transaction, which goes on after it.
      expect(connection.inTransaction).toBe(true)
      await connection.commit()
    } finally {
      await connection.close()
    }
  })

  it('streams text() with named parameters as object rows keyed by column name', async () => {
    const statement = text<{ id: unknown; name: string }>('select id, name from stream_items where id <= :last order by id')
    const connection = await db.engine.connect()
    try {
      const expected = (await connection.execute(statement, { last: 2_500 })).all()
      const streamed = []
      for await (const row of connection.stream(statement, { params: { last: 2_500 }, batchSize: 1_000 })) streamed.push(row)
      expect(streamed).toHaveLength(2_500)
      expect(streamed).toEqual(expected)
      expect(Object.keys(streamed[0])).toEqual(['id', 'name'])
    } finally {
      await connection.close()
    }
  })

  it('yields nothing for an empty result, and uses the default batch size', async () => {
    const connection = await db.engine.connect()
    try {
      let count = 0
      for await (const _ of connection.stream(select(items.c.id).where(items.c.id.lt(0)))) count++
      expect(count).toBe(0)
      for await (const _ of connection.stream(select(items.c.id).where(items.c.id.le(2_001)))) count++
      expect(count).toBe(2_001)
    } finally {
      await connection.close()
    }
  })

  it('breaking out after 10 rows closes the cursor; the connection takes the next statement', async () => {
    const connection = await db.engine.connect()
    try {
      const seen: number[] = []
      for await (const row of connection.stream(everyItem, { batchSize: 1_000 })) {
        seen.push(row.id)
        if (seen.length === 10) break
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      if (db.dialect === 'postgresql') expect(await openCursors(connection)).toBe(0)
      const count = await connection.execute(select(items.c.id).where(items.c.id.le(5)))
      expect(count.scalars()).toEqual([1, 2, 3, 4, 5])
      // A second stream on the same connection works too.
      let again = 0
      for await (const _ of connection.stream(select(items.c.id), { batchSize: 5_000 })) again++
      expect(again).toBe(ROWS)
    } finally {
      await connection.close()
    }
  })

  it('engine.stream returns its connection to the pool when the loop is left after 10 rows', async () => {
    let seen = 0
    for await (const row of db.engine.stream(everyItem, { batchSize: 1_000 })) {
      expect(db.engine.pool.status().checkedOut).toBe(1)
      if (++seen === 10) {
        expect(row.id).toBe(10)
        break
      }
    }
    expect(db.engine.pool.status().checkedOut).toBe(0)
    // The connection came back healthy: the next checkout (likely the same connection) works.
    const connection = await db.engine.connect()
    try {
      if (db.dialect === 'postgresql') expect(await openCursors(connection)).toBe(0)
      expect((await connection.execute(select(items.c.id).where(items.c.id.eq(7)))).scalar()).toBe(7)
    } finally {
      await connection.close()
    }
  })

  it('engine.stream reads every row and returns the connection at the end', async () => {
    let count = 0
    for await (const _ of db.engine.stream(select(items.c.id), { batchSize: 4_096 })) count++
    expect(count).toBe(ROWS)
    expect(db.engine.pool.status().checkedOut).toBe(0)
  })

  it('refuses other statements on the connection while a stream is open', async () => {
    const connection = await db.engine.connect()
    try {
      let count = 0
      for await (const _ of connection.stream(select(items.c.id).where(items.c.id.le(3_000)), { batchSize: 1_000 })) {
        if (++count === 1) {
          await expect(connection.execute(select(items.c.id))).rejects.toThrow(ArgumentError)
          await expect(connection.execute(select(items.c.id))).rejects.toThrow(/open stream/)
          await expect(connection.commit()).rejects.toThrow(/open stream/)
          await expect(connection.beginNested(async () => undefined)).rejects.toThrow(/open stream/)
          const second = connection.stream(select(items.c.id))
          await expect(second.next()).rejects.toThrow(/open stream/)
        }
      }
      expect(count).toBe(3_000)
      // Once the loop is over, the connection takes statements again.
      expect((await connection.execute(select(items.c.id).where(items.c.id.eq(1)))).scalar()).toBe(1)
    } finally {
      await connection.close()
    }
  })

  it('close() during an open stream ends it: the loop throws rather than looking complete', async () => {
    const connection = await db.engine.connect()
    let count = 0
    const loop = async (): Promise<void> => {
      for await (const _ of connection.stream(everyItem, { batchSize: 100 })) {
        if (++count === 5) await connection.close()
      }
    }
    await expect(loop()).rejects.toThrow(/connection was closed/)
    expect(count).toBe(5)
    expect(db.engine.pool.status().checkedOut).toBe(0)
  })

  it('invalidate() during an open stream ends it at once, and the pool serves a new connection', async () => {
    // sqlite::memory: keeps the database in its one connection: discarding it would drop the table.
    if (DATABASE_URLS[db.dialect] === 'sqlite::memory:') return
    // On MySQL the stream holds the socket paused: closing it politely would wait behind the rows forever.
    const connection = await db.engine.connect()
    let count = 0
    const loop = async (): Promise<void> => {
      for await (const _ of connection.stream(everyItem, { batchSize: 100 })) {
        if (++count === 50) await connection.invalidate()
      }
    }
    await expect(loop()).rejects.toThrow(/closed/)
    expect(count).toBe(50)
    expect(db.engine.pool.status().checkedOut).toBe(0)
    const again = await db.engine.connect()
    try {
      expect((await again.execute(select(items.c.id).where(items.c.id.eq(4)))).scalar()).toBe(4)
    } finally {
      await again.close()
    }
  })

  it('an error in the middle of the rows rejects the loop; rollback makes the connection usable', async () => {
    const connection = await db.engine.connect()
    try {
      let count = 0
      const loop = async (): Promise<void> => {
        for await (const _ of connection.stream(text(failingMidway(db.dialect)), { batchSize: 100 })) count++
      }
      await expect(loop()).rejects.toBeInstanceOf(DatabaseError)
      // Rows before the failing one arrived first (PostgreSQL and SQLite fail the batch holding it).
      expect(count).toBeGreaterThanOrEqual(1_400)
      expect(count).toBeLessThanOrEqual(1_500)
      await connection.rollback()
      if (db.dialect === 'postgresql') expect(await openCursors(connection)).toBe(0)
      expect((await connection.execute(select(items.c.id).where(items.c.id.eq(2)))).scalar()).toBe(2)
    } finally {
      await connection.close()
    }
  })

  it('a bad query rejects on the first step, translated as execute translates it', async () => {
    const connection = await db.engine.connect()
    try {
      const stream = connection.stream(text('select no_such_column from stream_items'))
      await expect(stream.next()).rejects.toBeInstanceOf(DatabaseError)
      await connection.rollback()
      expect((await connection.execute(select(items.c.id).where(items.c.id.eq(3)))).scalar()).toBe(3)
    } finally {
      await connection.close()
    }
  })

  it('refuses a statement without rows and a bad batch size before sending anything', async () => {
    const connection = await db.engine.connect()
    try {
      expect(() => connection.stream(deleteFrom(items))).toThrow(/returns rows/)
      expect(() => connection.stream(everyItem, { batchSize: 0 })).toThrow(/batchSize/)
    } finally {
      await connection.close()
    }
  })

  it('streams in AUTOCOMMIT mode (PostgreSQL gets a transaction for the cursor)', async () => {
    const connection = await db.engine.connect({ isolationLevel: 'AUTOCOMMIT' })
    try {
      let count = 0
      for await (const _ of connection.stream(select(items.c.id), { batchSize: 1_000 })) {
        if (++count === 10) break
      }
      for await (const _ of connection.stream(select(items.c.id), { batchSize: 1_000 })) count++
      expect(count).toBe(ROWS + 10)
      expect(connection.inTransaction).toBe(false)
      if (db.dialect === 'postgresql') {
        expect(await openCursors(connection)).toBe(0)
        // The cursor's own transaction was committed: this statement starts a transaction of its
        // own, so now() (the transaction's start) is the statement's start.
        const fresh = await connection.execute(text<{ fresh: boolean }>('select now() = statement_timestamp() as fresh'))
        expect(fresh.scalar()).toBe(true)
      }
    } finally {
      await connection.close()
    }
  })

  it('emits beforeExecute once and afterExecute with the rows streamed', async () => {
    const seen: string[] = []
    const stops = [
      db.engine.on('beforeExecute', (event) => seen.push(`before:${event.sql.slice(0, 6)}`)),
      db.engine.on('afterExecute', (event) => seen.push(`after:${event.rowCount}`)),
    ]
    try {
      for await (const _ of db.engine.stream(select(items.c.id).where(items.c.id.le(2_500)), { batchSize: 1_000 })) {
        // consume
      }
    } finally {
      stops.forEach((stop) => stop())
    }
    expect(seen.filter((entry) => entry === 'before:select')).toHaveLength(1)
    expect(seen).toContain('after:2500')
  })
})
