import { MetaData, func, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const sales = metadata.table('sf_win_sales', { id: integer().primaryKey(), region: varchar(10).notNull(), amount: integer().notNull() })

describeEachDialect('window functions', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(sales).values([
          { id: 1, region: 'east', amount: 10 },
          { id: 2, region: 'east', amount: 30 },
          { id: 3, region: 'west', amount: 20 },
          { id: 4, region: 'east', amount: 30 },
          { id: 5, region: 'west', amount: 5 },
        ]),
      )
    })
  })

  it('numbers rows within each partition', async () => {
    const statement = select({ id: sales.c.id, place: func.rowNumber().over({ partitionBy: sales.c.region, orderBy: [sales.c.amount.desc(), sales.c.id] }) }).orderBy(sales.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { id: 1, place: 3 },
      { id: 2, place: 1 },
      { id: 3, place: 1 },
      { id: 4, place: 2 },
      { id: 5, place: 2 },
    ])
  })

  it('ranks ties with rank and dense_rank', async () => {
    const statement = select({
      id: sales.c.id,
      rank: func.rank().over({ orderBy: sales.c.amount.desc() }),
      denseRank: func.denseRank().over({ orderBy: sales.c.amount.desc() }),
    }).orderBy(sales.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { id: 1, rank: 4, denseRank: 3 },
      { id: 2, rank: 1, denseRank: 1 },
      { id: 3, rank: 3, denseRank: 2 },
      { id: 4, rank: 1, denseRank: 1 },
      { id: 5, rank: 5, denseRank: 4 },
    ])
  })

  it('sums a running total and a moving window with frames', async () => {
    const statement = select({
      id: sales.c.id,
      running: func.sum(sales.c.amount).over({ orderBy: sales.c.id, frame: { rows: [null, 0] } }),
      moving: func.sum(sales.c.amount).over({ orderBy: sales.c.id, frame: { rows: [-1, 1] } }),
      regionTotal: func.sum(sales.c.amount).over({ partitionBy: sales.c.region }),
    }).orderBy(sales.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { id: 1, running: 10, moving: 40, regionTotal: 70 },
      { id: 2, running: 40, moving: 60, regionTotal: 70 },
      { id: 3, running: 60, moving: 80, regionTotal: 25 },
      { id: 4, running: 90, moving: 55, regionTotal: 70 },
      { id: 5, running: 95, moving: 35, regionTotal: 25 },
    ])
  })

  it('reads neighbouring rows with lag and lead', async () => {
    const statement = select({
      id: sales.c.id,
      previous: func.lag(sales.c.amount).over({ orderBy: sales.c.id }),
      next: func.lead(sales.c.amount, 2).over({ orderBy: sales.c.id }),
    }).orderBy(sales.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { id: 1, previous: null, next: 20 },
      { id: 2, previous: 10, next: 30 },
      { id: 3, previous: 30, next: 5 },
      { id: 4, previous: 20, next: null },
      { id: 5, previous: 30, next: null },
    ])
  })

  it('keeps the top row of each region through a subquery', async () => {
    const ranked = select({ id: sales.c.id, region: sales.c.region, place: func.rowNumber().over({ partitionBy: sales.c.region, orderBy: [sales.c.amount.desc(), sales.c.id] }) }).subquery('ranked')
    const statement = select(ranked.c.region, ranked.c.id).where(ranked.c.place.eq(1)).orderBy(ranked.c.region)
    expect(await readRows(db.engine, statement)).toEqual([
      { region: 'east', id: 2 },
      { region: 'west', id: 3 },
    ])
  })
})
