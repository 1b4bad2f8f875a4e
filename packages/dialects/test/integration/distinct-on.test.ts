import { MetaData, UnsupportedFeatureError, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const readings = metadata.table('sf_distinct_readings', { id: integer().primaryKey(), sensor: varchar(10).notNull(), value: integer().notNull() })

describeEachDialect('DISTINCT ON', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(readings).values([
          { id: 1, sensor: 'a', value: 3 },
          { id: 2, sensor: 'a', value: 9 },
          { id: 3, sensor: 'b', value: 4 },
          { id: 4, sensor: 'b', value: 1 },
        ]),
      )
    })
  })

  it('keeps the first row of each group on PostgreSQL, and is refused elsewhere', async () => {
    const statement = select(readings.c.sensor, readings.c.value).distinctOn(readings.c.sensor).orderBy(readings.c.sensor, readings.c.value.desc())
    if (db.dialect !== 'postgresql') {
      await expect(readRows(db.engine, statement)).rejects.toThrow(UnsupportedFeatureError)
      await expect(readRows(db.engine, statement)).rejects.toThrow(`The ${db.dialect} dialect does not support DISTINCT ON.`)
      return
    }
    expect(await readRows(db.engine, statement)).toEqual([
      { sensor: 'a', value: 9 },
      { sensor: 'b', value: 4 },
    ])
  })
})
