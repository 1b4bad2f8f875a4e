import { ArgumentError, MetaData, integer, select, varchar } from '@athanor/core'
import { Model, Session, Subclass, mapper } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'

const metadata = new MetaData()
const staff = metadata.table('orm_subcols_staff', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  type: varchar(20).notNull(),
  budget: integer(), // bosses only
  language: varchar(20), // coders only
})

// Single-table inheritance whose subclass columns are attributes of their subclass only.
class Staff extends Model(staff, { optional: ['type'], subclassColumns: ['budget', 'language'] }) {}
class Boss extends Subclass(Staff, { columns: ['budget'] }) {}
class Coder extends Subclass(Staff, { columns: ['language'] }) {}
mapper(Staff, {}, { polymorphicOn: 'type', polymorphicIdentity: 'staff' })
mapper(Boss, {}, { inherits: Staff, polymorphicIdentity: 'boss' })
mapper(Coder, {}, { inherits: Staff, polymorphicIdentity: 'coder' })

describeEachDialect('ORM: single-table subclass columns', { metadata }, (db) => {
  it('the base class takes no subclass column; subclasses take and load their own', async () => {
    expect(() => new Staff({ name: 'eve', budget: 1 } as never)).toThrow(ArgumentError)
    expect(() => new Staff({ name: 'eve', budget: 1 } as never)).toThrow(/"budget" is a column of subclasses only/)
    expect(() => Subclass(Staff, { columns: ['salary' as never] })).toThrow(/"salary" is not a column/)
    {
      await using session = new Session(db.engine)
      session.addAll([new Staff({ id: 1, name: 'eve' }), new Boss({ id: 2, name: 'max', budget: 100 }), new Coder({ id: 3, name: 'erin', language: 'ts' })])
      await session.commit()
    }
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select(staff).orderBy(staff.c.id))).all()
      expect(rows.map((row) => [row.type, row.budget, row.language])).toEqual([
        ['staff', null, null],
        ['boss', 100, null],
        ['coder', null, 'ts'],
      ])
    } finally {
      await connection.close()
    }
    await using session = new Session(db.engine)
    const [eve, max, erin] = await session.scalars(select(Staff).orderBy(Staff.c.id))
    expect([eve.constructor.name, max.constructor.name, erin.constructor.name]).toEqual(['Staff', 'Boss', 'Coder'])
    expect((max as Boss).budget).toBe(100)
    expect((erin as Coder).language).toBe('ts')
    expect('budget' in eve).toBe(false)
    expect(JSON.parse(JSON.stringify(max))).toEqual({ id: 2, name: 'max', type: 'boss', budget: 100 })
    ;(max as Boss).budget = 150
    await session.commit()
    expect((await session.get(Boss, 2))?.budget).toBe(150)
  })
})
