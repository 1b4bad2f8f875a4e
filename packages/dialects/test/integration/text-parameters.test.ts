import { ArgumentError, MetaData, bindParam, insert, integer, select, text, varchar, boolean } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const people = metadata.table('tp_people', { id: integer().primaryKey(), name: varchar(30).notNull(), isAdmin: boolean().notNull().default(false) })

describeEachDialect('text() and named parameters', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(people).values([{ id: 1, name: 'ada', isAdmin: true }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]))
    })
  })

  it('binds named parameters, repeated ones included', async () => {
    const connection = await db.engine.connect()
    try {
      const result = await connection.execute(text<{ id: number }>('select id from tp_people where name = :name or (id > :low and id < :low + 2) order by id'), {
        name: 'ada',
        low: 2,
      })
      expect(result.all().map((row) => Number(row.id))).toEqual([1, 3])
    } finally {
      await connection.close()
    }
  })

  it('a missing parameter is an ArgumentError naming it, raised before anything is sent', async () => {
    const sent: string[] = []
    const stop = db.engine.on('beforeExecute', (event) => sent.push(event.sql))
    const connection = await db.engine.connect()
    try {
      const statement = text('select id from tp_people where name = :name and id = :id')
      await expect(connection.execute(statement, { name: 'ada' })).rejects.toThrow(ArgumentError)
      await expect(connection.execute(statement, { name: 'ada' })).rejects.toThrow(/":id"/)
      expect(sent).toEqual([])
    } finally {
      stop()
      await connection.close()
    }
  })

  it('bindParam fills a typed parameter of a Core statement at execution', async () => {
    const connection = await db.engine.connect()
    try {
      const statement = select(people.c.name).where(people.c.isAdmin.eq(bindParam('admin', boolean())))
      expect((await connection.execute(statement, { admin: true })).scalars()).toEqual(['ada'])
      expect((await connection.execute(statement, { admin: false })).scalars().sort()).toEqual(['bob', 'cy'])
    } finally {
      await connection.close()
    }
  })
})
