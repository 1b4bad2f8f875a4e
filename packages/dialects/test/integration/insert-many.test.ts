import { type Engine, MetaData, UniqueViolationError, deleteFrom, func, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const numbers = metadata.table('dml_numbers', { id: integer().primaryKey(), value: integer().notNull() })
let generated = 0
const tokens = metadata.table('dml_tokens', {
  id: integer().primaryKey(),
  token: varchar(20)
    .notNull()
    .default(() => `t${++generated}`),
  kind: varchar(10).notNull().default('plain'),
})

// 70,000 values in one column: over the 65,535 parameters of PostgreSQL and MySQL and the 32,766
// of SQLite, so every dialect has to split the statement.
const ROW_COUNT = 70_000

async function countAndSum(engine: Engine): Promise<{ n: number; total: number }> {
  const connection = await engine.connect()
  try {
    const row = (await connection.execute(select({ n: func.count(), total: func.sum(numbers.c.value) }).from(numbers))).one()
    return { n: Number(row.n), total: Number(row.total) }
  } finally {
    await connection.close()
  }
}

describeEachDialect('multi-row INSERT split at the parameter limit', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(numbers))
      await connection.execute(deleteFrom(tokens))
    })
  })

  const values = Array.from({ length: ROW_COUNT }, (_, index) => ({ value: index }))

  it('inserts every row as several INSERTs, sums rowCount and concatenates RETURNING rows in order', async () => {
    const plain = insert(numbers).values(values)
    // RETURNING where the database has it; the all-or-nothing test below runs without it.
    const statement = db.engine.dialect.capabilities.insertReturning ? plain.returning(numbers.c.id, numbers.c.value) : plain
    const batches = statement.compileBatches(db.engine.dialect)
    expect(batches.length).toBe(Math.ceil(ROW_COUNT / db.engine.dialect.capabilities.maxParameters))
    const sent: number[] = []
    const stop = db.engine.on('beforeExecute', (event) => sent.push(event.params.length))
    try {
      const result = await db.engine.begin((connection) => connection.execute(statement))
      expect(result.rowCount).toBe(ROW_COUNT)
      const rows = result.all() as { id: number; value: number }[]
      if (db.engine.dialect.capabilities.insertReturning) {
        expect(rows).toHaveLength(ROW_COUNT)
        expect(rows.every((row, index) => row.value === index && (index === 0 || row.id > rows[index - 1].id))).toBe(true)
      }
    } finally {
      stop()
    }
    expect(sent.filter((count) => count > 0)).toEqual(batches.map((batch) => batch.params.length))
    expect(await countAndSum(db.engine)).toEqual({ n: ROW_COUNT, total: (ROW_COUNT * (ROW_COUNT - 1)) / 2 })
  })

  it('is all or nothing: a failing batch undoes the earlier ones and the transaction goes on', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(numbers).values({ id: 1, value: -1 }))
      // The duplicate key sits in the last batch; the batches before it have already run.
      const clashing = [...values.map((row, index) => ({ id: index + 2, value: row.value })), { id: 1, value: 0 }]
      await expect(connection.execute(insert(numbers).values(clashing))).rejects.toBeInstanceOf(UniqueViolationError)
      expect(Number((await connection.execute(select({ n: func.count() }).from(numbers))).scalar())).toBe(1)
      await connection.commit()
    } finally {
      await connection.close()
    }
    expect(await countAndSum(db.engine)).toEqual({ n: 1, total: -1 })
  })

  it('applies client-side defaults per row, calling a function default once for each row', async () => {
    const before = generated
    await db.engine.begin((connection) => connection.execute(insert(tokens).values([{ id: 1 }, { id: 2, token: 'mine' }, { id: 3, kind: 'special' }])))
    expect(generated - before).toBe(2)
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select(tokens).orderBy(tokens.c.id))).all()
      expect(rows).toEqual([
        { id: 1, token: `t${before + 1}`, kind: 'plain' },
        { id: 2, token: 'mine', kind: 'plain' },
        { id: 3, token: `t${before + 2}`, kind: 'special' },
      ])
    } finally {
      await connection.close()
    }
  })
})
