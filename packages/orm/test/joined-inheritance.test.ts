import { type AnyTable, MetaData, check, integer, select, update, varchar } from '@athanor/core'
import { Model, Session, StaleDataError, Subclass, joinedload, mapper, relationship, selectinload, subqueryload } from '../src/index'
import { createEngine } from '@athanor/dialects'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const companies = metadata.table('orm_joined_companies', { id: integer().primaryKey(), name: varchar(50).notNull() })
const employees = metadata.table('orm_joined_employees', {
  id: integer().primaryKey(),
  companyId: integer().references(() => companies.c.id),
  name: varchar(50).notNull(),
  type: varchar(20).notNull(),
})
const managers = metadata.table(
  'orm_joined_managers',
  {
    id: integer()
      .primaryKey()
      .references(() => employees.c.id),
    budget: integer(),
  },
  (t) => [check('orm_joined_budget_ok', t.budget.ge(0))],
)
const engineers = metadata.table('orm_joined_engineers', {
  id: integer()
    .primaryKey()
    .references(() => employees.c.id),
  managerId: integer().references(() => managers.c.id),
  language: varchar(20).notNull(),
})
// A second level: principal engineers are engineers, with a table of their own.
const principals = metadata.table('orm_joined_principals', {
  id: integer()
    .primaryKey()
    .references(() => engineers.c.id),
  patents: integer().notNull(),
})

// A versioned hierarchy: the version column lives in the root table.
const documents = metadata.table('orm_joined_documents', {
  id: integer().primaryKey(),
  kind: varchar(20).notNull(),
  title: varchar(50).notNull(),
  version: integer().notNull(),
})
const reports = metadata.table('orm_joined_reports', {
  id: integer()
    .primaryKey()
    .references(() => documents.c.id),
  pages: integer().notNull(),
})

class Company extends Model(companies) {
  declare employees: Employee[]
}
class Employee extends Model(employees, { optional: ['type'] }) {
  declare company: Company | null
}
class Manager extends Subclass(Employee, { table: managers }) {
  declare reports: Engineer[]
  get canApprove(): boolean {
    return (this.budget ?? 0) > 0
  }
}
class Engineer extends Subclass(Employee, { table: engineers }) {
  declare manager: Manager | null
}
class PrincipalEngineer extends Subclass(Engineer, { table: principals }) {}

mapper(Company, { employees: relationship(() => Employee, { backPopulates: 'company', orderBy: employees.c.id }) })
mapper(Employee, { company: relationship(() => Company, { backPopulates: 'employees' }) }, { polymorphicOn: 'type', polymorphicIdentity: 'employee' })
mapper(Manager, { reports: relationship(() => Engineer, { backPopulates: 'manager', orderBy: engineers.c.id }) }, { inherits: Employee, polymorphicIdentity: 'manager' })
mapper(Engineer, { manager: relationship(() => Manager, { backPopulates: 'reports' }) }, { inherits: Employee, polymorphicIdentity: 'engineer' })
mapper(PrincipalEngineer, {}, { inherits: Engineer, polymorphicIdentity: 'principal' })

class Document extends Model(documents, { optional: ['kind', 'version'] }) {}
class Report extends Subclass(Document, { table: reports }) {}
mapper(Document, {}, { polymorphicOn: 'kind', polymorphicIdentity: 'document', versionColumn: 'version' })
mapper(Report, {}, { inherits: Document, polymorphicIdentity: 'report' })

describeEachDialect('ORM: joined-table inheritance', { metadata }, (db) => {
  const ids = { eve: 0, max: 0, erin: 0, pat: 0 }
  let log: StatementLog

  // The rows of a table as Core reads them, by id.
  async function rowsOf(table: AnyTable): Promise<Record<string, unknown>[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(table).orderBy(table.primaryKey[0]))).all() as Record<string, unknown>[]
    } finally {
      await connection.close()
    }
  }

  beforeAll(async () => {
    log = new StatementLog(db.engine)
    await using session = new Session(db.engine)
    const acme = new Company({ id: 1, name: 'acme' })
    const max = new Manager({ name: 'max', budget: 100 })
    const erin = new Engineer({ name: 'erin', language: 'ts' })
    const pat = new PrincipalEngineer({ name: 'pat', language: 'rust', patents: 3 })
    erin.manager = max
    pat.manager = max
    const eve = new Employee({ name: 'eve' })
    acme.employees.push(eve, max, erin, pat)
    session.add(acme)
    await session.flush()
    Object.assign(ids, { eve: eve.id, max: max.id, erin: erin.id, pat: pat.id })
    await session.commit()
  })

  afterAll(() => log.dispose())
  beforeEach(() => log.clear())

  it('INSERT writes the base row, then the subclass rows with the generated key', async () => {
    expect(new Set(Object.values(ids)).size).toBe(4)
    expect((await rowsOf(employees)).map((row) => [row.id, row.name, row.type, row.companyId])).toEqual([
      [ids.eve, 'eve', 'employee', 1],
      [ids.max, 'max', 'manager', 1],
      [ids.erin, 'erin', 'engineer', 1],
      [ids.pat, 'pat', 'principal', 1],
    ])
    expect(await rowsOf(managers)).toEqual([{ id: ids.max, budget: 100 }])
    expect(await rowsOf(engineers)).toEqual([
      { id: ids.erin, managerId: ids.max, language: 'ts' },
      { id: ids.pat, managerId: ids.max, language: 'rust' },
    ])
    expect(await rowsOf(principals)).toEqual([{ id: ids.pat, patents: 3 }])
  })

  it('a query on the base class returns instances of the right subclasses with their own columns, in one SELECT', async () => {
    await using session = new Session(db.engine)
    const staff = await session.scalars(select(Employee).orderBy(Employee.c.id))
    expect(log.count('select')).toBe(1)
    expect(log.matching('select')[0]).toMatch(/left (outer )?join .orm_joined_managers./i)
    expect(staff.map((employee) => employee.constructor.name)).toEqual(['Employee', 'Manager', 'Engineer', 'PrincipalEngineer'])
    const [eve, max, erin, pat] = staff as [Employee, Manager, Engineer, PrincipalEngineer]
    expect(eve).not.toBeInstanceOf(Manager)
    expect(max.budget).toBe(100)
    expect(max.canApprove).toBe(true)
    expect(erin.language).toBe('ts')
    expect([pat.language, pat.patents, pat.managerId]).toEqual(['rust', 3, ids.max])
    expect(pat).toBeInstanceOf(Engineer)
    expect(JSON.parse(JSON.stringify(pat))).toEqual({ id: ids.pat, companyId: 1, name: 'pat', type: 'principal', managerId: ids.max, language: 'rust', patents: 3 })
  })

  it('a query on a subclass joins its tables and returns only its rows (and its subclasses’)', async () => {
    await using session = new Session(db.engine)
    const found = await session.scalars(select(Engineer).orderBy(Engineer.c.id))
    expect(found.map((engineer) => `${engineer.constructor.name}:${engineer.name}:${engineer.language}`)).toEqual(['Engineer:erin:ts', 'PrincipalEngineer:pat:rust'])
    const rich = await session.scalars(select(Manager).where(Manager.c.budget.gt(50), Manager.c.name.eq('max')))
    expect(rich.map((manager) => [manager.name, manager.budget])).toEqual([['max', 100]])
    expect(await session.scalars(select(Manager).where(Manager.c.budget.gt(500)))).toEqual([])
    const principal = await session.scalars(select(PrincipalEngineer))
    expect(principal.map((each) => [each.name, each.language, each.patents])).toEqual([['pat', 'rust', 3]])
  })

  it('get() reads the joined row; identities are the base table’s', async () => {
    await using session = new Session(db.engine)
    const max = await session.get(Manager, ids.max)
    expect(max).toBeInstanceOf(Manager)
    expect(max?.budget).toBe(100)
    log.clear()
    expect(await session.get(Employee, ids.max)).toBe(max)
    expect(log.count('select')).toBe(0)
    expect(await session.get(Manager, ids.erin)).toBeUndefined()
    const pat = await session.get(Employee, ids.pat)
    expect(pat).toBeInstanceOf(PrincipalEngineer)
    expect((pat as PrincipalEngineer).patents).toBe(3)
    expect(await session.get(Engineer, ids.pat)).toBe(pat)
    expect(await session.get(Manager, ids.pat)).toBeUndefined()
  })

  it('loads relationships inherited from the base, declared on a subclass, and with a polymorphic target', async () => {
    await using session = new Session(db.engine)
    const [acme] = await session.scalars(select(Company).options(selectinload('employees')))
    expect(acme.employees.map((employee) => employee.constructor.name)).toEqual(['Employee', 'Manager', 'Engineer', 'PrincipalEngineer'])
    expect((acme.employees[3] as PrincipalEngineer).patents).toBe(3)
    const [max] = await session.scalars(select(Manager).options(selectinload('company'), selectinload('reports')))
    expect(max).toBe(acme.employees[1])
    expect(max.company).toBe(acme)
    expect(max.reports.map((engineer) => `${engineer.constructor.name}:${engineer.language}`)).toEqual(['Engineer:ts', 'PrincipalEngineer:rust'])
    expect(max.reports[1]).toBe(acme.employees[3])
    log.clear()
    const [pat] = await session.scalars(select(PrincipalEngineer).options(selectinload('manager')))
    expect(pat.manager).toBe(max)
    // The many-to-one key (engineers.managerId → managers.id) is an identity of the map: no second SELECT.
    expect(log.count('select')).toBe(1)
    await expect(session.scalars(select(Company).options(joinedload('employees')))).rejects.toThrow(/joined-table inheritance.*selectinload\("employees"\)/)
  })

  it('joinedload from a polymorphic query keeps the subclass columns; a joined target spanning tables is refused', async () => {
    await using session = new Session(db.engine)
    const staff = await session.scalars(select(Employee).options(joinedload('company')).orderBy(Employee.c.id).limit(3))
    expect(staff.map((each) => [each.constructor.name, each.company?.name])).toEqual([
      ['Employee', 'acme'],
      ['Manager', 'acme'],
      ['Engineer', 'acme'],
    ])
    expect([(staff[1] as Manager).budget, (staff[2] as Engineer).language]).toEqual([100, 'ts'])
    await expect(session.scalars(select(Engineer).options(joinedload('manager')))).rejects.toThrow(/Manager span several tables.*selectinload\("manager"\)/)
  })

  it('loads a polymorphic target with subqueryload, and refresh() reads every table of the object', async () => {
    // Without autoflush, refresh() discards the unflushed changes instead of writing them first.
    await using session = new Session(db.engine, { autoflush: false })
    const [acme] = await session.scalars(select(Company).options(subqueryload('employees')))
    expect(acme.employees.map((employee) => employee.constructor.name)).toEqual(['Employee', 'Manager', 'Engineer', 'PrincipalEngineer'])
    const pat = acme.employees[3] as PrincipalEngineer
    expect(pat.patents).toBe(3)
    pat.patents = 99
    pat.name = 'changed'
    await session.refresh(pat)
    expect([pat.name, pat.patents]).toEqual(['pat', 3])
    expect(session.dirty).toEqual([])
  })

  it('UPDATE touches only the tables whose columns changed', async () => {
    await using session = new Session(db.engine)
    const pat = (await session.get(PrincipalEngineer, ids.pat)) as PrincipalEngineer
    log.clear()
    pat.patents = 4
    await session.flush()
    expect(log.matching('update')).toHaveLength(1)
    expect(log.matching('update')[0]).toMatch(/orm_joined_principals/)
    log.clear()
    pat.name = 'patricia'
    pat.language = 'zig'
    await session.flush()
    const updates = log.matching('update')
    expect(updates).toHaveLength(2)
    expect(updates[0]).toMatch(/orm_joined_employees/)
    expect(updates[1]).toMatch(/orm_joined_engineers/)
    await session.commit()
    expect((await rowsOf(employees)).find((row) => row.id === ids.pat)?.name).toBe('patricia')
    expect((await rowsOf(engineers)).find((row) => row.id === ids.pat)?.language).toBe('zig')
    expect(await rowsOf(principals)).toEqual([{ id: ids.pat, patents: 4 }])
    expect(await rowsOf(managers)).toEqual([{ id: ids.max, budget: 100 }])
  })

  it('a failed flush leaves every table of the hierarchy unchanged', async () => {
    const before = { employees: await rowsOf(employees), managers: await rowsOf(managers) }
    {
      await using session = new Session(db.engine)
      // The managers row violates its CHECK after the employees row is written.
      session.add(new Manager({ name: 'broke', budget: -1, companyId: 1 }))
      await expect(session.flush()).rejects.toThrow()
    }
    {
      await using session = new Session(db.engine)
      const max = (await session.get(Manager, ids.max)) as Manager
      max.name = 'maxine'
      max.budget = -5
      await expect(session.commit()).rejects.toThrow()
    }
    expect(await rowsOf(employees)).toEqual(before.employees)
    expect(await rowsOf(managers)).toEqual(before.managers)
  })

  it('DELETE removes the subclass rows, then the base row', async () => {
    {
      await using session = new Session(db.engine)
      const newcomer = new Manager({ name: 'nora', budget: 5, companyId: 1 })
      session.add(newcomer)
      await session.flush()
      expect(log.matching('insert').map((sql) => /orm_joined_\w+/.exec(sql)?.[0])).toEqual(['orm_joined_employees', 'orm_joined_managers'])
      const id = newcomer.id
      await session.commit()
      expect((await rowsOf(managers)).map((row) => row.id)).toContain(id)
      const loaded = (await session.get(Employee, id)) as Manager
      expect(loaded).toBeInstanceOf(Manager)
      log.clear()
      session.delete(loaded)
      await session.commit()
      const deletes = log.matching('delete')
      expect(deletes).toHaveLength(2)
      expect(deletes[0]).toMatch(/orm_joined_managers/)
      expect(deletes[1]).toMatch(/orm_joined_employees/)
      expect((await rowsOf(managers)).map((row) => row.id)).not.toContain(id)
      expect((await rowsOf(employees)).map((row) => row.id)).not.toContain(id)
    }
    await using session = new Session(db.engine)
    const pat = (await session.get(PrincipalEngineer, ids.pat)) as PrincipalEngineer
    session.delete(pat)
    await session.commit()
    expect(await rowsOf(principals)).toEqual([])
    expect((await rowsOf(engineers)).map((row) => row.id)).toEqual([ids.erin])
    expect((await rowsOf(employees)).map((row) => row.id)).toEqual([ids.eve, ids.max, ids.erin])
  })

  it('INSERTs several objects of each class in a flush, each subclass row with its own generated key', async () => {
    await using session = new Session(db.engine)
    const hires = [new Manager({ name: 'm1', budget: 1 }), new Engineer({ name: 'e1', language: 'go' }), new Manager({ name: 'm2', budget: 2 }), new Engineer({ name: 'e2', language: 'c' }), new Manager({ name: 'm3', budget: 3 })]
    session.addAll(hires)
    await session.flush()
    const written = hires.map((hire) => ({ id: hire.id, name: hire.name, isManager: hire instanceof Manager }))
    await session.commit()
    expect(new Set(written.map((hire) => hire.id)).size).toBe(5)
    const names = new Map((await rowsOf(employees)).map((row) => [row.id, row.name]))
    const budgets = new Map((await rowsOf(managers)).map((row) => [row.id, row.budget]))
    const languages = new Map((await rowsOf(engineers)).map((row) => [row.id, row.language]))
    for (const hire of written) expect(names.get(hire.id)).toBe(hire.name)
    expect(written.filter((hire) => hire.isManager).map((hire) => budgets.get(hire.id))).toEqual([1, 2, 3])
    expect(written.filter((hire) => !hire.isManager).map((hire) => languages.get(hire.id))).toEqual(['go', 'c'])
  })

  it('a version column in the root table is checked and bumped by a change to any table', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const report = new Report({ title: 'q1', pages: 10 })
    session.add(report)
    await session.flush()
    expect(report.version).toBe(1)
    log.clear()
    report.pages = 12
    await session.flush()
    expect(log.matching('update').map((sql) => /orm_joined_\w+/.exec(sql)?.[0])).toEqual(['orm_joined_documents', 'orm_joined_reports'])
    expect(report.version).toBe(2)
    await session.commit()
    // Someone else writes the row after it was loaded: the next flush of this object finds a newer version.
    const connection = await db.engine.connect()
    await connection.execute(update(documents).values({ version: 7 }).where(documents.c.id.eq(report.id)))
    await connection.commit()
    await connection.close()
    report.pages = 13
    await expect(session.flush()).rejects.toThrow(StaleDataError)
    await session.rollback()
    expect((await rowsOf(reports)).map((row) => row.pages)).toEqual([12])
    expect((await rowsOf(documents)).map((row) => row.version)).toEqual([7])
  })
})

describe('joined-table inheritance mapping errors', () => {
  const other = new MetaData()
  const animals = other.table('orm_joined_err_animals', { id: integer().primaryKey(), kind: varchar(10).notNull() })
  const cats = other.table('orm_joined_err_cats', { id: integer().primaryKey(), lives: integer() })
  const dogs = other.table('orm_joined_err_dogs', { id: integer().primaryKey().references(() => animals.c.id), kind: varchar(10) })
  class Animal extends Model(animals, { optional: ['kind'] }) {}
  mapper(Animal, {}, { polymorphicOn: 'kind', polymorphicIdentity: 'animal' })

  it('needs the subclass table’s primary key to reference the base table’s', () => {
    class Cat extends Subclass(Animal, { table: cats }) {}
    expect(() => mapper(Cat, {}, { inherits: Animal, polymorphicIdentity: 'cat' })).toThrow(/primary key of orm_joined_err_cats to be a foreign key to the primary key of orm_joined_err_animals/)
  })

  it('refuses a subclass column keyed like a base column, and an unmapped joined subclass', async () => {
    class Dog extends Subclass(Animal, { table: dogs }) {}
    expect(() => mapper(Dog, {}, { inherits: Animal, polymorphicIdentity: 'dog' })).toThrow(/column "kind" of orm_joined_err_dogs has the same property key as a column of Animal/)
    class Stray extends Subclass(Animal, { table: dogs }) {}
    const engine = createEngine('sqlite::memory:')
    const session = new Session(engine)
    await expect(session.get(Stray, 1)).rejects.toThrow(/Stray: is a joined-table subclass; map it with mapper\(Stray/)
    await session.close()
    await engine.dispose()
  })
})
