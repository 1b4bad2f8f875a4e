import { MetaData, func, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
// Lower-case names only: MySQL's default collation compares case-insensitively.
const morning = metadata.table('sf_set_morning', { id: integer().primaryKey(), name: varchar(20).notNull() })
const evening = metadata.table('sf_set_evening', { id: integer().primaryKey(), name: varchar(20).notNull() })

describeEachDialect('set operations: union, union all, intersect, except', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(morning).values(['ann', 'bob', 'cid'].map((name, index) => ({ id: index + 1, name }))))
      await connection.execute(insert(evening).values(['bob', 'cid', 'dee', 'dee'].map((name, index) => ({ id: index + 1, name }))))
    })
  })

  const names = (rows: readonly { name: string }[]): string[] => rows.map((row) => row.name)
  const morningNames = select(morning.c.name)
  const eveningNames = select(evening.c.name)

  it('union removes duplicates; order, limit and offset apply to the whole', async () => {
    expect(names(await readRows(db.engine, morningNames.union(eveningNames).orderBy(morning.c.name)))).toEqual(['ann', 'bob', 'cid', 'dee'])
    expect(names(await readRows(db.engine, morningNames.union(eveningNames).orderBy(morning.c.name.desc()).limit(2).offset(1)))).toEqual(['cid', 'bob'])
  })

  it('union all keeps duplicates', async () => {
    expect(names(await readRows(db.engine, morningNames.unionAll(eveningNames).orderBy(morning.c.name)))).toEqual(['ann', 'bob', 'bob', 'cid', 'cid', 'dee', 'dee'])
  })

  it('intersect keeps the rows found in both, except those found only in the first', async () => {
    expect(names(await readRows(db.engine, morningNames.intersect(eveningNames).orderBy(morning.c.name).limit(5)))).toEqual(['bob', 'cid'])
    expect(names(await readRows(db.engine, eveningNames.except(morningNames).orderBy(evening.c.name)))).toEqual(['dee'])
  })

  it('keeps a member its own order and limit', async () => {
    const lastInTheMorning = morningNames.orderBy(morning.c.name.desc()).limit(1)
    const firstInTheEvening = eveningNames.orderBy(evening.c.name).limit(1)
    expect(names(await readRows(db.engine, lastInTheMorning.unionAll(firstInTheEvening))).sort()).toEqual(['bob', 'cid'])
    expect(names(await readRows(db.engine, lastInTheMorning.unionAll(firstInTheEvening).orderBy(morning.c.name)))).toEqual(['bob', 'cid'])
  })

  it('reads a union before an intersect, as written', async () => {
    const statement = morningNames.union(eveningNames).intersect(select(evening.c.name).where(evening.c.name.ne('dee'))).orderBy(morning.c.name)
    expect(names(await readRows(db.engine, statement))).toEqual(['bob', 'cid'])
  })

  it('uses a compound as a subquery', async () => {
    const everyone = morningNames.union(eveningNames).subquery('everyone')
    expect(await readRows(db.engine, select({ people: func.count() }).from(everyone))).toEqual([{ people: 4 }])
    expect(await readRows(db.engine, select(everyone.c.name).where(everyone.c.name.like('d%')))).toEqual([{ name: 'dee' }])
  })
})
