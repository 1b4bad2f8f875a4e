import {
  CheckViolationError,
  DatabaseError,
  ForeignKeyViolationError,
  IntegrityError,
  MetaData,
  NotNullViolationError,
  ProgrammingError,
  UniqueViolationError,
  check,
  insert,
  integer,
  select,
  text,
  varchar,
} from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const owners = metadata.table('err_owners', { id: integer().primaryKey(), email: varchar(50).notNull().unique() })
const pets = metadata.table(
  'err_pets',
  {
    id: integer().primaryKey(),
    ownerId: integer().notNull().references(() => owners.c.id),
    legs: integer().notNull(),
  },
  (t) => [check('err_pets_legs', t.legs.ge(0))],
)

const SECRET = 'secret-value-4711@example.com'

describeEachDialect('driver errors become the shared hierarchy', { metadata }, (db) => {
  async function failure(work: (run: (statement: Parameters<import('@athanor/core').Connection['execute']>[0]) => Promise<unknown>) => Promise<unknown>): Promise<unknown> {
    try {
      await db.engine.begin(async (connection) => work((statement) => connection.execute(statement)))
    } catch (error) {
      return error
    }
    throw new Error('expected the work to fail')
  }

  it('a duplicate key is a UniqueViolationError (an IntegrityError) with SQL but no values', async () => {
    const error = await failure(async (run) => {
      await run(insert(owners).values({ id: 1, email: SECRET }))
      await run(insert(owners).values({ id: 2, email: SECRET }))
    })
    expect(error).toBeInstanceOf(UniqueViolationError)
    expect(error).toBeInstanceOf(IntegrityError)
    expect(error).toBeInstanceOf(DatabaseError)
    const databaseError = error as DatabaseError
    expect(databaseError.sql).toMatch(/insert into/i)
    expect(databaseError.cause).toBeDefined()
    expect(databaseError.message).not.toContain(SECRET)
  })

  it('a missing parent is a ForeignKeyViolationError', async () => {
    const error = await failure((run) => run(insert(pets).values({ ownerId: 999, legs: 4 })))
    expect(error).toBeInstanceOf(ForeignKeyViolationError)
  })

  it('a NULL in a NOT NULL column is a NotNullViolationError', async () => {
    const error = await failure((run) => run(insert(owners).values({ id: 5, email: null as unknown as string })))
    expect(error).toBeInstanceOf(NotNullViolationError)
  })

  it('a failed CHECK is a CheckViolationError', async () => {
    const error = await failure(async (run) => {
      await run(insert(owners).values({ id: 7, email: 'x@example.com' }))
      await run(insert(pets).values({ ownerId: 7, legs: -1 }))
    })
    expect(error).toBeInstanceOf(CheckViolationError)
  })

  it('an unknown table or bad SQL is a ProgrammingError', async () => {
    expect(await failure((run) => run(text('select * from err_no_such_table')))).toBeInstanceOf(ProgrammingError)
    expect(await failure((run) => run(text('selec 1')))).toBeInstanceOf(ProgrammingError)
  })

  it('leaves nothing behind from the failed transactions', async () => {
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select(owners.c.id))).all()).toEqual([])
    } finally {
      await connection.close()
    }
  })
})
