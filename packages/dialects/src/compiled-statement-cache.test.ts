import { MetaData, func, integer, select, text, varchar, insert, bindParam } from '@athanor/core'
import { MysqlDialect } from './mysql/mysql-dialect'
import { PostgresDialect } from './postgresql/postgresql-dialect'
import { SqliteDialect } from './sqlite/sqlite-dialect'

const metadata = new MetaData()
const users = metadata.table('users', { id: integer().primaryKey(), name: varchar(20).notNull(), age: integer() })

describe('the compiled-statement cache (keyed by shape, not values)', () => {
  const dialect = new PostgresDialect()

  it('gives the same SQL and fresh parameters for a statement rebuilt with other values', () => {
    const first = select(users).where(users.c.id.eq(1), users.c.name.like('a%')).limit(5).compile(dialect)
    const second = select(users).where(users.c.id.eq(2), users.c.name.like('b%')).limit(9).compile(dialect)
    expect(second.sql).toBe(first.sql)
    expect(first.params).toEqual([1, 'a%', 5])
    expect(second.params).toEqual([2, 'b%', 9])
    expect(second.params).not.toBe(first.params)
  })

  it('tells apart shapes that differ only in structure', () => {
    const sqlOf = (statement: { compile(d: PostgresDialect): { sql: string } }) => statement.compile(dialect).sql
    expect(sqlOf(select(users.c.id).where(users.c.age.eq(3)))).not.toBe(sqlOf(select(users.c.id).where(users.c.age.eq(null))))
    expect(sqlOf(select(users.c.id).where(users.c.id.in([1, 2])))).not.toBe(sqlOf(select(users.c.id).where(users.c.id.in([1, 2, 3]))))
    expect(sqlOf(select(users.c.id).where(users.c.id.in([])))).toBe('select "users"."id" from "users" where 1 = 0')
    expect(sqlOf(select({ n: func.count() }).from(users))).not.toBe(sqlOf(select({ m: func.count() }).from(users)))
  })

  it('converts cached values with the right type processor', () => {
    const sqlite = new SqliteDialect()
    const people = new MetaData().table('people', { id: integer().primaryKey(), name: varchar(9).notNull() })
    expect(insert(people).values({ id: 1, name: 'a' }).compile(sqlite).params).toEqual([1, 'a'])
    expect(insert(people).values({ id: 2, name: 'b' }).compile(sqlite).params).toEqual([2, 'b'])
    const when = (at: Date) => select(users.c.id).where(users.c.id.eq(bindParam('id'))).compile(sqlite).parameterSlots.length + at.getTime()
    expect(when(new Date(0))).toBe(1)
  })

  it('keeps named parameters of text() as slots', () => {
    const first = text('select * from users where id = :id').compile(dialect)
    const second = text('select * from users where id = :id').compile(dialect)
    expect(second.parameterSlots).toEqual(first.parameterSlots)
    expect(second.sql).toBe('select * from users where id = $1')
  })

  it('does not reuse SQL whose text holds a value (MariaDB window frame offsets)', () => {
    const mariadb = new MysqlDialect({ flavour: 'mariadb' })
    const running = (preceding: number) => select({ total: func.sum(users.c.age).over({ orderBy: [users.c.id], frame: { rows: [-preceding, 0] } }) }).from(users).compile(mariadb).sql
    expect(running(2)).toContain('2 preceding')
    expect(running(3)).toContain('3 preceding')
  })
})
