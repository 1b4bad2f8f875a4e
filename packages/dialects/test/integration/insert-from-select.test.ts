import { MetaData, cast, deleteFrom, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const people = metadata.table('dml_people', { id: integer().primaryKey(), name: varchar(30).notNull(), age: integer().notNull() })
const seniors = metadata.table('dml_seniors', { id: integer().primaryKey(), fullName: varchar(40).notNull() })

describeEachDialect('INSERT … SELECT', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(seniors))
      await connection.execute(deleteFrom(people))
      await connection.execute(
        insert(people).values([
          { id: 1, name: 'ada', age: 70 },
          { id: 2, name: 'bob', age: 30 },
          { id: 3, name: 'cy', age: 65 },
        ]),
      )
    })
  })

  async function seniorRows(): Promise<{ id: number; fullName: string }[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(seniors).orderBy(seniors.c.id))).all()
    } finally {
      await connection.close()
    }
  }

  it('inserts the rows a query selects, computed columns included', async () => {
    const query = select({ id: people.c.id, fullName: people.c.name.concat(' (', cast(people.c.age, varchar(10)), ')') }).where(people.c.age.ge(65))
    const result = await db.engine.begin((connection) => connection.execute(insert(seniors).fromSelect([seniors.c.id, seniors.c.fullName], query)))
    expect(result.rowCount).toBe(2)
    expect(await seniorRows()).toEqual([
      { id: 1, fullName: 'ada (70)' },
      { id: 3, fullName: 'cy (65)' },
    ])
  })

  it('with an upsert clause, after a query without WHERE (SQLite needs WHERE true there)', async () => {
    await db.engine.begin((connection) => connection.execute(insert(seniors).values({ id: 1, fullName: 'kept' })))
    await db.engine.begin((connection) =>
      connection.execute(insert(seniors).fromSelect([seniors.c.id, seniors.c.fullName], select(people.c.id, people.c.name)).onConflictDoNothing(seniors.c.id)),
    )
    expect(await seniorRows()).toEqual([
      { id: 1, fullName: 'kept' },
      { id: 2, fullName: 'bob' },
      { id: 3, fullName: 'cy' },
    ])
  })

  it('returns the inserted rows, where the database has INSERT … RETURNING', async () => {
    if (!db.engine.dialect.capabilities.insertReturning) return
    const statement = insert(seniors)
      .fromSelect([seniors.c.fullName, seniors.c.id], select(people.c.name, people.c.id).where(people.c.age.lt(65)))
      .returning(seniors.c.id, seniors.c.fullName)
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.all()).toEqual([{ id: 2, fullName: 'bob' }])
  })
})
