import { MetaData, func, integer, select, text, timestamp, varchar } from '@athanor/core'
import { Model, Session } from '../src/index'
import { insertStates, readAutoIncrementStep } from '../src/insert-batch'
import { stateOf } from '../src/instance-state'
import { mapperOf } from '../src/mapper'
import { UndoLog } from '../src/undo-log'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'

const metadata = new MetaData()
const items = metadata.table('orm_keys_items', {
  id: integer().primaryKey(),
  name: varchar(30).notNull(),
  createdAt: timestamp().notNull().serverDefault(func.now()),
})
const codes = metadata.table('orm_keys_codes', { code: varchar(10).primaryKey(), label: varchar(30).notNull() })
class Item extends Model(items) {}
class Code extends Model(codes) {}

describeEachDialect('ORM: keys the database generates', { metadata }, (db) => {
  it('reads generated keys and server defaults back with RETURNING, matching rows to objects', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const created = Array.from({ length: 50 }, (_, index) => new Item({ name: `item ${index}` }))
    session.addAll(created)
    await session.commit()
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select(items.c.id, items.c.name).where(items.c.name.like('item %')))).all()
      for (const row of rows) expect(created.find((item) => item.id === row.id)?.name).toBe(row.name)
    } finally {
      await connection.close()
    }
    if (db.engine.dialect.capabilities.insertReturning) expect(created[0].createdAt).toBeInstanceOf(Date)
  })

  it('keys set on the client need no reading back, and rows with and without keys go in separate INSERTs', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const given = new Item({ id: 100_000, name: 'given key' })
    const generated = new Item({ name: 'generated key' })
    session.addAll([given, generated, new Code({ code: 'A1', label: 'client key' })])
    await session.commit()
    expect(given.id).toBe(100_000)
    expect(typeof generated.id).toBe('number')
    expect((await session.get(Code, 'A1'))?.label).toBe('client key')
  })

  // MySQL (and MariaDB before 10.5) have no INSERT … RETURNING; this runs the insert-id path on
  // MariaDB by hiding its RETURNING, with auto_increment_increment at 3 to prove the spacing is read.
  const onMysql = db.dialect === 'mysql' ? it : it.skip
  onMysql('without RETURNING, reads the first id from the driver and numbers the rest by auto_increment_increment', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(text('set session auto_increment_increment = 3'))
      const created = Array.from({ length: 20 }, (_, index) => new Item({ name: `by insert id ${index}` }))
      const undo = new UndoLog()
      const context = {
        connection,
        capabilities: { ...connection.dialect.capabilities, insertReturning: false },
        undo,
        autoIncrementStep: () => readAutoIncrementStep(connection),
      }
      const inserted = await insertStates(context, mapperOf(Item), created.map((item) => stateOf(item)))
      expect(inserted.every((row) => row.expired.includes('createdAt'))).toBe(true) // the server default could not be read back
      const ids = created.map((item) => item.id)
      expect(ids.slice(1).map((id, index) => id - ids[index])).toEqual(Array(19).fill(3))
      const rows = (await connection.execute(select(items.c.id, items.c.name).where(items.c.name.like('by insert id %')))).all()
      expect(rows).toHaveLength(20)
      for (const row of rows) expect(created.find((item) => item.id === row.id)?.name).toBe(row.name)
    } finally {
      await connection.execute(text('set session auto_increment_increment = 1'))
      await connection.rollback()
      await connection.close()
    }
  })
})
