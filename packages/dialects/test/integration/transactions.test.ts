import { IntegrityError, MetaData, deleteFrom, insert, integer, select, varchar, func, Engine } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const accounts = metadata.table('tx_accounts', { id: integer().primaryKey(), owner: varchar(30).notNull().unique() })

async function count(engine: Engine): Promise<number> {
  const connection = await engine.connect()
  try {
    return Number((await connection.execute(select({ n: func.count() }).from(accounts))).scalar())
  } finally {
    await connection.close()
  }
}

describeEachDialect('transactions', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(accounts))
    })
  })

  it('engine.begin commits when the work resolves', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(accounts).values({ owner: 'ada' }))
    })
    expect(await count(db.engine)).toBe(1)
  })

  it('a failed statement inside engine.begin leaves the database unchanged', async () => {
    await expect(
      db.engine.begin(async (connection) => {
        await connection.execute(insert(accounts).values({ owner: 'ada' }))
        await connection.execute(insert(accounts).values({ owner: 'bob' }))
        await connection.execute(insert(accounts).values({ owner: 'ada' })) // unique violation
      }),
    ).rejects.toBeInstanceOf(IntegrityError)
    expect(await count(db.engine)).toBe(0)
  })

  it('close() without commit rolls back', async () => {
    const connection = await db.engine.connect()
    await connection.execute(insert(accounts).values({ owner: 'ada' }))
    expect(connection.inTransaction).toBe(true)
    await connection.close()
    expect(await count(db.engine)).toBe(0)
  })

  it('commit as you go: commit, then keep working in a new transaction', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(accounts).values({ owner: 'ada' }))
      await connection.commit()
      expect(connection.inTransaction).toBe(false)
      await connection.execute(insert(accounts).values({ owner: 'bob' }))
      await connection.rollback()
    } finally {
      await connection.close()
    }
    expect(await count(db.engine)).toBe(1)
  })

  it('beginNested rolls back to its savepoint and keeps the outer transaction', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(accounts).values({ owner: 'outer' }))
      await expect(
        connection.beginNested(async (nested) => {
          await nested.execute(insert(accounts).values({ owner: 'inner' }))
          throw new Error('undo the inner part')
        }),
      ).rejects.toThrow('undo the inner part')
      await connection.beginNested(async (nested) => {
        await nested.execute(insert(accounts).values({ owner: 'kept' }))
      })
    })
    const connection = await db.engine.connect()
    try {
      const owners = await connection.execute(select(accounts.c.owner).orderBy(accounts.c.owner))
      expect(owners.scalars()).toEqual(['kept', 'outer'])
    } finally {
      await connection.close()
    }
  })

  it('runs a transaction at an explicit isolation level', async () => {
    await db.engine.begin(
      async (connection) => {
        await connection.execute(insert(accounts).values({ owner: 'serial' }))
      },
      { isolationLevel: 'SERIALIZABLE' },
    )
    expect(await count(db.engine)).toBe(1)
  })

  it('AUTOCOMMIT commits each statement on its own', async () => {
    const connection = await db.engine.connect({ isolationLevel: 'AUTOCOMMIT' })
    try {
      await connection.execute(insert(accounts).values({ owner: 'auto' }))
      expect(connection.inTransaction).toBe(false)
      await connection.rollback()
    } finally {
      await connection.close()
    }
    expect(await count(db.engine)).toBe(1)
  })
})
