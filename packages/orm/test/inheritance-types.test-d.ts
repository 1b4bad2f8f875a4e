// Type-level tests of inheritance: checked by `tsc --noEmit` in the test command, never run.
import { expectTypeOf } from 'expect-type'
import { type Column, MetaData, type Select, integer, select, varchar } from '@athanor/core'
import { Model, type Session, Subclass, mapper, relationship } from '../src/index'

const metadata = new MetaData()

// Single-table inheritance: budget and language belong to subclasses only.
const staff = metadata.table('types_inherit_staff', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  type: varchar(20).notNull(),
  budget: integer(),
  language: varchar(20).notNull().default('ts'),
})
class Staff extends Model(staff, { optional: ['type'], subclassColumns: ['budget', 'language'] }) {}
class Boss extends Subclass(Staff, { columns: ['budget'] }) {
  get canApprove(): boolean {
    return (this.budget ?? 0) > 0
  }
}
class Coder extends Subclass(Staff, { columns: ['language'] }) {}
class LeadCoder extends Coder {}
mapper(Staff, {}, { polymorphicOn: 'type', polymorphicIdentity: 'staff' })
mapper(Boss, {}, { inherits: Staff, polymorphicIdentity: 'boss' })
mapper(Coder, {}, { inherits: Staff, polymorphicIdentity: 'coder' })

declare const member: Staff
declare const boss: Boss
declare const lead: LeadCoder
expectTypeOf(member.name).toEqualTypeOf<string>()
// @ts-expect-error a subclass column is not an attribute of the base class
member.budget
// @ts-expect-error nor of a sibling subclass
lead.budget
expectTypeOf(boss.budget).toEqualTypeOf<number | null>()
expectTypeOf(boss.name).toEqualTypeOf<string>()
expectTypeOf(boss.canApprove).toEqualTypeOf<boolean>()
expectTypeOf(lead.language).toEqualTypeOf<string>()
expectTypeOf(boss).toMatchTypeOf<Staff>()
new Staff({ name: 'eve' })
// @ts-expect-error the base constructor does not take subclass columns
new Staff({ name: 'eve', budget: 1 })
new Boss({ name: 'max', budget: 100 })
new Boss({ name: 'max' })
// @ts-expect-error a column of another subclass
new Boss({ name: 'max', language: 'ts' })
// @ts-expect-error required base columns stay required
new Boss({ budget: 100 })
// @ts-expect-error only columns of the base's table
Subclass(Staff, { columns: ['salary'] })
// The base class's `c` keeps every column of the table, for queries.
expectTypeOf(Staff.c.budget).toEqualTypeOf<Column<number | null, 'budget', true>>()

// Joined-table inheritance: managers(id → employees.id, budget).
const employees = metadata.table('types_inherit_employees', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  type: varchar(20).notNull(),
  mentorId: integer(),
})
const managers = metadata.table('types_inherit_managers', {
  id: integer()
    .primaryKey()
    .references(() => employees.c.id),
  budget: integer().notNull(),
})
const engineers = metadata.table('types_inherit_engineers', {
  id: integer()
    .primaryKey()
    .references(() => employees.c.id),
  language: varchar(20),
})
class Employee extends Model(employees, { optional: ['type'] }) {
  declare mentor: Employee | null
}
class Manager extends Subclass(Employee, { table: managers }) {}
class Engineer extends Subclass(Employee, { table: engineers }) {
  declare manager: Manager | null
}
mapper(Employee, { mentor: relationship(() => Employee, { remoteSide: employees.c.id }) }, { polymorphicOn: 'type', polymorphicIdentity: 'employee' })
mapper(Manager, {}, { inherits: Employee, polymorphicIdentity: 'manager' })
mapper(Engineer, {}, { inherits: Employee, polymorphicIdentity: 'engineer' })

declare const employee: Employee
declare const manager: Manager
declare const engineer: Engineer
declare const session: Session
expectTypeOf(manager.budget).toEqualTypeOf<number>()
expectTypeOf(manager.id).toEqualTypeOf<number>()
expectTypeOf(manager.name).toEqualTypeOf<string>()
expectTypeOf(manager.mentor).toEqualTypeOf<Employee | null>()
expectTypeOf(engineer.language).toEqualTypeOf<string | null>()
expectTypeOf(engineer.manager).toEqualTypeOf<Manager | null>()
// @ts-expect-error subclass columns exist only on the subclass
employee.budget
// @ts-expect-error and not on a sibling
engineer.budget
new Manager({ name: 'max', budget: 1 })
// @ts-expect-error a NOT NULL column of the subclass's table is required
new Manager({ name: 'max' })
// @ts-expect-error the base constructor does not take subclass columns
new Employee({ name: 'eve', budget: 1 })
// `Manager.table` is its own table; `Manager.c` has the columns of both tables.
expectTypeOf(Manager.table).toEqualTypeOf(managers)
expectTypeOf(Manager.c.budget).toEqualTypeOf(managers.c.budget)
expectTypeOf(Manager.c.name).toEqualTypeOf(employees.c.name)
expectTypeOf(Manager.c.id).toEqualTypeOf(employees.c.id)
// A polymorphic query on the base gives the base type; on the subclass, the subclass.
expectTypeOf(session.scalars(select(Employee))).resolves.toEqualTypeOf<Employee[]>()
expectTypeOf(session.scalars(select(Manager).where(Manager.c.budget.gt(0)))).resolves.toEqualTypeOf<Manager[]>()
expectTypeOf(session.get(Manager, 1)).resolves.toEqualTypeOf<Manager | undefined>()
// Outside a session, Core's rows of a joined subclass have the columns of both tables.
type RowOf<S> = S extends Select<infer R> ? R : never
const managerQuery = select(Manager)
type ManagerRow = RowOf<typeof managerQuery>
expectTypeOf<ManagerRow['budget']>().toEqualTypeOf<number>()
expectTypeOf<ManagerRow['name']>().toEqualTypeOf<string>()
expectTypeOf<ManagerRow['mentorId']>().toEqualTypeOf<number | null>()
