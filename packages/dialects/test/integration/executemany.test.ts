import { type Engine, MetaData, UniqueViolationError, bindParam, deleteFrom, func, insert, integer, select, text, update, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const notes = metadata.table('dml_notes', { id: integer().primaryKey(), body: varchar(30).notNull().unique(), votes: integer().notNull().default(0) })

async function bodies(engine: Engine): Promise<string[]> {
  const connection = await engine.connect()
  try {
    return (await connection.execute(select(notes.c.body).orderBy(notes.c.id))).scalars()
  } finally {
    await connection.close()
  }
}

describeEachDialect('executemany: one statement, a list of parameter sets', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin((connection) => connection.execute(deleteFrom(notes)))
  })

  it('runs text() once per parameter set with one SQL text, and sums rowCount', async () => {
    const sent: string[] = []
    const stop = db.engine.on('beforeExecute', (event) => sent.push(event.sql))
    try {
      const parameterSets = Array.from({ length: 50 }, (_, index) => ({ id: index + 1, body: `note ${index + 1}` }))
      const result = await db.engine.begin((connection) => connection.execute(text('insert into dml_notes (id, body, votes) values (:id, :body, 0)'), parameterSets))
      expect(result.rowCount).toBe(50)
    } finally {
      stop()
    }
    // The same SQL each time: the driver prepares it once per connection and reuses it.
    expect(new Set(sent.filter((sql) => sql.startsWith('insert'))).size).toBe(1)
    expect(sent.filter((sql) => sql.startsWith('insert'))).toHaveLength(50)
    expect((await bodies(db.engine)).slice(0, 3)).toEqual(['note 1', 'note 2', 'note 3'])
  })

  it('takes Core statements with bindParam', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(notes).values({ id: bindParam('id', integer()), body: bindParam('body', varchar(30)) }), [
        { id: 1, body: 'a' },
        { id: 2, body: 'b' },
        { id: 3, body: 'c' },
      ])
      const bump = update(notes).where(notes.c.body.eq(bindParam('body', varchar(30)))).values({ votes: notes.c.votes.add(bindParam('by', integer())) })
      const updated = await connection.execute(bump, [
        { body: 'a', by: 2 },
        { body: 'c', by: 5 },
        { body: 'missing', by: 1 },
      ])
      expect(updated.rowCount).toBe(2)
      const votes = await connection.execute(select(notes.c.votes).orderBy(notes.c.id))
      expect(votes.scalars()).toEqual([2, 0, 5])
    })
  })

  it('concatenates RETURNING rows in the order of the parameter sets', async () => {
    if (!db.engine.dialect.capabilities.insertReturning) return
    const statement = insert(notes).values({ id: bindParam('id', integer()), body: bindParam('body', varchar(30)) }).returning(notes.c.id, notes.c.body)
    const result = await db.engine.begin((connection) =>
      connection.execute(statement, [
        { id: 7, body: 'x' },
        { id: 5, body: 'y' },
      ]),
    )
    expect(result.all()).toEqual([
      { id: 7, body: 'x' },
      { id: 5, body: 'y' },
    ])
    expect(result.rowCount).toBe(2)
  })

  it('a failing parameter set inside engine.begin rolls everything back', async () => {
    await expect(
      db.engine.begin(async (connection) => {
        await connection.execute(insert(notes).values({ id: 1, body: 'first' }))
        await connection.execute(text('insert into dml_notes (id, body, votes) values (:id, :body, 0)'), [
          { id: 2, body: 'second' },
          { id: 3, body: 'first' }, // unique violation
          { id: 4, body: 'never' },
        ])
      }),
    ).rejects.toBeInstanceOf(UniqueViolationError)
    expect(await bodies(db.engine)).toEqual([])
  })

  it('is all or nothing on its own: the transaction keeps what ran before it', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(notes).values({ id: 1, body: 'first' }))
      const statement = text('insert into dml_notes (id, body, votes) values (:id, :body, 0)')
      await expect(
        connection.execute(statement, [
          { id: 2, body: 'second' },
          { id: 3, body: 'first' },
        ]),
      ).rejects.toBeInstanceOf(UniqueViolationError)
      expect(connection.inTransaction).toBe(true)
      await connection.execute(statement, [{ id: 4, body: 'fourth' }])
      await connection.commit()
    } finally {
      await connection.close()
    }
    expect(await bodies(db.engine)).toEqual(['first', 'fourth'])
  })

  it('an empty list sends nothing', async () => {
    const sent: string[] = []
    const stop = db.engine.on('beforeExecute', (event) => sent.push(event.sql))
    const connection = await db.engine.connect()
    try {
      const result = await connection.execute(text('insert into dml_notes (id, body) values (:id, :body)'), [])
      expect(result.rowCount).toBe(0)
      expect(result.all()).toEqual([])
      expect(connection.inTransaction).toBe(false)
    } finally {
      stop()
      await connection.close()
    }
    expect(sent).toEqual([])
    expect(Number(await db.engine.begin(async (c) => (await c.execute(select({ n: func.count() }).from(notes))).scalar()))).toBe(0)
  })
})
