import { MetaData, PoolTimeoutError, insert, integer, literal, select, varchar } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const items = metadata.table('eng_items', { id: integer().primaryKey(), name: varchar(20).notNull() })

describeEachDialect('engine, events and pool', { metadata }, (db) => {
  it('emits beforeExecute/afterExecute and checkout/checkin, with row counts', async () => {
    const seen: string[] = []
    const stops = [
      db.engine.on('beforeExecute', (e) => seen.push(`before:${e.sql.split(' ')[0]}`)),
      db.engine.on('afterExecute', (e) => seen.push(`after:${e.rowCount}`)),
      db.engine.on('checkout', () => seen.push('checkout')),
      db.engine.on('checkin', () => seen.push('checkin')),
    ]
    try {
      await db.engine.begin(async (connection) => {
        await connection.execute(insert(items).values([{ name: 'a' }, { name: 'b' }]))
      })
    } finally {
      stops.forEach((stop) => stop())
    }
    expect(seen[0]).toBe('checkout')
    expect(seen).toContain('after:2')
    expect(seen.at(-1)).toBe('checkin')
    expect(seen.filter((s) => s.startsWith('before:')).length).toBe(seen.filter((s) => s.startsWith('after:')).length)
  })

  it('echo logs each statement with its timing, never its values', async () => {
    const lines: string[] = []
    const engine = createEngine(DATABASE_URLS[db.dialect], { echo: true, logger: (line) => lines.push(line) })
    try {
      const connection = await engine.connect()
      await connection.execute(select({ secret: literal('top-secret-name') }))
      await connection.close()
    } finally {
      await engine.dispose()
    }
    const query = lines.find((line) => line.includes('select'))
    expect(query).toMatch(/\d+\.\d\d ms/)
    expect(lines.join('\n')).not.toContain('top-secret-name')
  })

  it('reports pool status and returns connections', async () => {
    // sqlite::memory: has one shared connection (a static pool): hold one there, two elsewhere.
    const held = db.dialect === 'sqlite' ? [await db.engine.connect()] : [await db.engine.connect(), await db.engine.connect()]
    expect(db.engine.pool.status()).toMatchObject({ checkedOut: held.length, waiting: 0 })
    expect(db.engine.pool.status().size).toBeGreaterThanOrEqual(held.length)
    await Promise.all(held.map((connection) => connection.close()))
    expect(db.engine.pool.status().checkedOut).toBe(0)
  })

  it('a pool with every connection held times out with PoolTimeoutError, then serves again', async () => {
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolSize: 1, maxOverflow: 0, poolTimeout: 200 })
    try {
      const held = await engine.connect()
      const startedAt = Date.now()
      await expect(engine.connect()).rejects.toBeInstanceOf(PoolTimeoutError)
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(150)
      await held.close()
      const again = await engine.connect()
      expect((await again.execute(select({ one: literal(1) }))).scalar()).toBe(1)
      await again.close()
    } finally {
      await engine.dispose()
    }
  })

  it('a closed connection refuses statements clearly', async () => {
    const connection = await db.engine.connect()
    await connection.close()
    await expect(connection.execute(select(items.c.id))).rejects.toThrow(/connection is closed/)
  })

  it('await using closes the connection at the end of the block', async () => {
    {
      await using connection = await db.engine.connect()
      await connection.execute(select(items.c.id))
      expect(db.engine.pool.status().checkedOut).toBe(1)
    }
    expect(db.engine.pool.status().checkedOut).toBe(0)
  })
})

describe('sqlite::memory: shares one database across connections', () => {
  it('sees data written through another connection', async () => {
    const engine = createEngine('sqlite::memory:')
    const local = new MetaData()
    const notes = local.table('notes', { id: integer().primaryKey() })
    try {
      await local.createAll(engine)
      await engine.begin(async (connection) => {
        await connection.execute(insert(notes).values({ id: 1 }))
      })
      await engine.begin(async (connection) => {
        expect((await connection.execute(select(notes.c.id))).scalars()).toEqual([1])
      })
    } finally {
      await engine.dispose()
    }
  })
})
