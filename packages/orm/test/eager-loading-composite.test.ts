import { MetaData, foreignKey, insert, integer, primaryKey, select, varchar } from '@athanor/core'
import { Model, Session, joinedload, mapper, relationship, selectinload, subqueryload } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const orders = metadata.table('orm2_eager_orders', { region: varchar(10).notNull(), number: integer().notNull(), customer: varchar(50).notNull() }, (t) => [primaryKey(t.region, t.number)])
const lines = metadata.table(
  'orm2_eager_order_lines',
  { region: varchar(10).notNull(), number: integer().notNull(), lineNo: integer().notNull(), item: varchar(50).notNull() },
  (t) => [primaryKey(t.region, t.number, t.lineNo), foreignKey([t.region, t.number], () => [orders.c.region, orders.c.number])],
)

class Order extends Model(orders) {
  declare lines: Line[]
}
class Line extends Model(lines) {
  declare order: Order | null
}
mapper(Order, { lines: relationship(() => Line, { backPopulates: 'order', orderBy: lines.c.lineNo }) })
mapper(Line, { order: relationship(() => Order, { backPopulates: 'lines' }) })

describeEachDialect('ORM: eager loading over composite keys', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      const regions = ['eu', 'us']
      await connection.execute(insert(orders).values(regions.flatMap((region) => [1, 2, 3].map((number) => ({ region, number, customer: `${region}-${number}` })))))
      await connection.execute(insert(lines).values(regions.flatMap((region) => [1, 2, 3].flatMap((number) => [1, 2].map((lineNo) => ({ region, number, lineNo, item: `${region}-${number}-${lineNo}` }))))))
    })
  })

  it('selectinload, joinedload and subqueryload match composite keys, with the same graphs', async () => {
    const graphs: unknown[] = []
    for (const option of [selectinload('lines'), joinedload('lines'), subqueryload('lines')]) {
      await using session = new Session(db.engine)
      const log = new StatementLog(db.engine)
      const loaded = await session.scalars(select(Order).where(Order.c.number.le(2)).orderBy(Order.c.region, Order.c.number).options(option))
      log.dispose()
      expect(log.dataStatements).toHaveLength(option.path[0].strategy === 'joined' ? 1 : 2)
      graphs.push(loaded.map((order) => ({ customer: order.customer, items: order.lines.map((line) => line.item).sort() })))
      expect(loaded[0].lines[0].order).toBe(loaded[0])
    }
    expect(graphs[0]).toEqual([
      { customer: 'eu-1', items: ['eu-1-1', 'eu-1-2'] },
      { customer: 'eu-2', items: ['eu-2-1', 'eu-2-2'] },
      { customer: 'us-1', items: ['us-1-1', 'us-1-2'] },
      { customer: 'us-2', items: ['us-2-1', 'us-2-2'] },
    ])
    expect(graphs[1]).toEqual(graphs[0])
    expect(graphs[2]).toEqual(graphs[0])
  })

  it('selectinload of a many-to-one over a composite key', async () => {
    await using session = new Session(db.engine)
    const loaded = await session.scalars(select(Line).where(Line.c.lineNo.eq(1)).options(selectinload('order')))
    expect(loaded.map((line) => `${line.order?.customer}:${line.item}`).sort()).toEqual(['eu-1:eu-1-1', 'eu-2:eu-2-1', 'eu-3:eu-3-1', 'us-1:us-1-1', 'us-2:us-2-1', 'us-3:us-3-1'])
  })
})
