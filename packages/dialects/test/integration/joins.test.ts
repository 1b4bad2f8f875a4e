import { MetaData, UnsupportedFeatureError, alias, func, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const employees = metadata.table('sf_join_employees', { id: integer().primaryKey(), name: varchar(30).notNull(), managerId: integer() })
const desks = metadata.table('sf_join_desks', { id: integer().primaryKey(), label: varchar(10).notNull(), employeeId: integer() })
const managers = alias(employees, 'managers')

describeEachDialect('joins: aliases, right, full and cross joins', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(employees).values([
          { id: 1, name: 'Ada', managerId: null },
          { id: 2, name: 'Brian', managerId: 1 },
          { id: 3, name: 'Carol', managerId: 1 },
          { id: 4, name: 'Dan', managerId: 2 },
        ]),
      )
      await connection.execute(
        insert(desks).values([
          { id: 1, label: 'A', employeeId: 1 },
          { id: 2, label: 'B', employeeId: 3 },
          { id: 3, label: 'C', employeeId: null },
        ]),
      )
    })
  })

  it('self-joins a table through an alias', async () => {
    const statement = select({ name: employees.c.name, manager: managers.c.name })
      .leftJoin(managers, managers.c.id.eq(employees.c.managerId))
      .orderBy(employees.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { name: 'Ada', manager: null },
      { name: 'Brian', manager: 'Ada' },
      { name: 'Carol', manager: 'Ada' },
      { name: 'Dan', manager: 'Brian' },
    ])
  })

  it('groups by the alias side of a self-join', async () => {
    const statement = select({ manager: managers.c.name, reports: func.count(employees.c.id) })
      .from(managers)
      .join(employees, employees.c.managerId.eq(managers.c.id))
      .groupBy(managers.c.name)
      .orderBy(managers.c.name)
    expect(await readRows(db.engine, statement)).toEqual([
      { manager: 'Ada', reports: 2 },
      { manager: 'Brian', reports: 1 },
    ])
  })

  it('right join keeps every row of the joined table', async () => {
    const statement = select(employees.c.name, desks.c.label).rightJoin(desks, desks.c.employeeId.eq(employees.c.id)).orderBy(desks.c.label)
    expect(await readRows(db.engine, statement)).toEqual([
      { name: 'Ada', label: 'A' },
      { name: 'Carol', label: 'B' },
      { name: null, label: 'C' },
    ])
  })

  it('full join keeps the unmatched rows of both sides (refused on MySQL/MariaDB)', async () => {
    const statement = select(employees.c.name, desks.c.label).fullJoin(desks, desks.c.employeeId.eq(employees.c.id))
    if (db.dialect === 'mysql') {
      await expect(readRows(db.engine, statement)).rejects.toThrow(UnsupportedFeatureError)
      await expect(readRows(db.engine, statement)).rejects.toThrow('The mysql dialect does not support FULL OUTER JOIN.')
      return
    }
    const result = await readRows(db.engine, statement)
    expect(result.map((row) => `${row.name ?? '-'}/${row.label ?? '-'}`).sort()).toEqual(['-/C', 'Ada/A', 'Brian/-', 'Carol/B', 'Dan/-'])
  })

  it('cross join pairs every row with every row', async () => {
    const statement = select({ pairs: func.count() }).from(employees).crossJoin(desks)
    expect(await readRows(db.engine, statement)).toEqual([{ pairs: 12 }])
  })
})
