import { MetaData, integer, select, varchar } from '@athanor/core'
import { Model, Session, mapper, relationship, selectinload } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'

const metadata = new MetaData()
const companies = metadata.table('orm2_inherit_companies', { id: integer().primaryKey(), name: varchar(50).notNull() })
const employees = metadata.table('orm2_inherit_employees', {
  id: integer().primaryKey(),
  companyId: integer().references(() => companies.c.id),
  name: varchar(50).notNull(),
  type: varchar(20).notNull(),
  budget: integer(), // managers only
  language: varchar(20), // engineers only
})

class Company extends Model(companies) {
  declare employees: Employee[]
}
class Employee extends Model(employees, { optional: ['type'] }) {
  declare company: Company | null
}
class Manager extends Employee {
  get canApprove(): boolean {
    return (this.budget ?? 0) > 0
  }
}
class Engineer extends Employee {}
class SeniorEngineer extends Engineer {}

mapper(Company, { employees: relationship(() => Employee, { backPopulates: 'company', orderBy: employees.c.id }) })
mapper(Employee, { company: relationship(() => Company, { backPopulates: 'employees' }) }, { polymorphicOn: 'type', polymorphicIdentity: 'employee' })
mapper(Manager, {}, { inherits: Employee, polymorphicIdentity: 'manager' })
mapper(Engineer, {}, { inherits: Employee, polymorphicIdentity: 'engineer' })
mapper(SeniorEngineer, {}, { inherits: Engineer, polymorphicIdentity: 'senior' })

describeEachDialect('ORM: single-table inheritance', { metadata }, (db) => {
  beforeAll(async () => {
    await using session = new Session(db.engine)
    const acme = new Company({ id: 1, name: 'acme' })
    acme.employees.push(
      new Employee({ id: 1, name: 'eve' }),
      new Manager({ id: 2, name: 'max', budget: 100 }),
      new Engineer({ id: 3, name: 'erin', language: 'ts' }),
      new SeniorEngineer({ id: 4, name: 'sam', language: 'rust' }),
    )
    session.add(acme)
    await session.commit()
  })

  it('writes the discriminator on INSERT', async () => {
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select(employees.c.id, employees.c.type).orderBy(employees.c.id))).all()
      expect(rows.map((row) => row.type)).toEqual(['employee', 'manager', 'engineer', 'senior'])
    } finally {
      await connection.close()
    }
  })

  it('a query on the base class returns instances of the right subclasses, with their own columns', async () => {
    await using session = new Session(db.engine)
    const staff = await session.scalars(select(Employee).orderBy(Employee.c.id))
    expect(staff.map((employee) => employee.constructor.name)).toEqual(['Employee', 'Manager', 'Engineer', 'SeniorEngineer'])
    const max = staff[1] as Manager
    expect(max).toBeInstanceOf(Manager)
    expect(max.budget).toBe(100)
    expect(max.canApprove).toBe(true)
    expect((staff[2] as Engineer).language).toBe('ts')
  })

  it('a query on a subclass returns only its rows and its subclasses’ rows', async () => {
    await using session = new Session(db.engine)
    const engineers = await session.scalars(select(Engineer).orderBy(Engineer.c.id))
    expect(engineers.map((engineer) => `${engineer.constructor.name}:${engineer.name}`)).toEqual(['Engineer:erin', 'SeniorEngineer:sam'])
    expect(await session.scalars(select(Manager))).toHaveLength(1)
  })

  it('relationships load polymorphically and subclasses inherit the base class’s relationships', async () => {
    await using session = new Session(db.engine)
    const [acme] = await session.scalars(select(Company).options(selectinload('employees')))
    expect(acme.employees.map((employee) => employee.constructor.name)).toEqual(['Employee', 'Manager', 'Engineer', 'SeniorEngineer'])
    const [sam] = await session.scalars(select(SeniorEngineer).options(selectinload('company')))
    expect(sam.company).toBe(acme)
    expect(sam).toBe(acme.employees[3])
  })
})
