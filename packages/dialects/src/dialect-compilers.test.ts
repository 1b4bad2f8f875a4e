import {
  type Executable,
  MetaData,
  and,
  caseWhen,
  cast,
  deleteFrom,
  func,
  insert,
  integer,
  or,
  select,
  sql,
  text,
  update,
  varchar,
  boolean,
  timestamp,
} from '@athanor/core'
import { MysqlDialect } from './mysql/mysql-dialect'
import { PostgresDialect } from './postgresql/postgresql-dialect'
import { SqliteDialect } from './sqlite/sqlite-dialect'

const dialects = { postgres: new PostgresDialect(), mysql: new MysqlDialect({ flavour: 'mariadb' }), sqlite: new SqliteDialect() }

type Expected = readonly [sql: string, params: readonly unknown[]]

/** The same statement compiled by every dialect, side by side. */
function expectSql(statement: Executable<unknown>, expected: { postgres: Expected; mysql: Expected; sqlite: Expected }): void {
  for (const [name, dialect] of Object.entries(dialects) as [keyof typeof dialects, (typeof dialects)[keyof typeof dialects]][]) {
    const compiled = statement.compile(dialect)
    expect([name, compiled.sql, compiled.params]).toEqual([name, ...expected[name]])
  }
}

const metadata = new MetaData()
const users = metadata.table('users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  age: integer(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp(),
})
const posts = metadata.table('posts', { id: integer().primaryKey(), userId: integer().notNull(), views: integer().notNull().default(0) })

describe('the same statements on every dialect', () => {
  it('select with where', () => {
    expectSql(select(users.c.id).where(users.c.id.eq(1)), {
      postgres: ['select "users"."id" from "users" where "users"."id" = $1', [1]],
      mysql: ['select `users`.`id` from `users` where `users`.`id` = ?', [1]],
      sqlite: ['select "users"."id" from "users" where "users"."id" = ?', [1]],
    })
  })

  it('join, group by, having, order, limit, offset', () => {
    const statement = select({ name: users.c.name, n: func.count(posts.c.id) })
      .from(users)
      .leftJoin(posts, posts.c.userId.eq(users.c.id))
      .where(users.c.isActive.eq(true), or(users.c.age.ge(18), users.c.age.isNull()))
      .groupBy(users.c.name)
      .having(func.count(posts.c.id).gt(2))
      .orderBy(users.c.name.desc())
      .limit(10)
      .offset(20)
    expectSql(statement, {
      postgres: [
        'select "users"."name", count("posts"."id") as "n" from "users" left join "posts" on "posts"."user_id" = "users"."id" where "users"."is_active" = $1 and ("users"."age" >= $2 or "users"."age" is null) group by "users"."name" having count("posts"."id") > $3 order by "users"."name" desc limit $4 offset $5',
        [true, 18, 2, 10, 20],
      ],
      mysql: [
        'select `users`.`name`, count(`posts`.`id`) as `n` from `users` left join `posts` on `posts`.`user_id` = `users`.`id` where `users`.`is_active` = ? and (`users`.`age` >= ? or `users`.`age` is null) group by `users`.`name` having count(`posts`.`id`) > ? order by `users`.`name` desc limit ? offset ?',
        [1, 18, 2, 10, 20],
      ],
      sqlite: [
        'select "users"."name", count("posts"."id") as "n" from "users" left join "posts" on "posts"."user_id" = "users"."id" where "users"."is_active" = ? and ("users"."age" >= ? or "users"."age" is null) group by "users"."name" having count("posts"."id") > ? order by "users"."name" desc limit ? offset ?',
        [1, 18, 2, 10, 20],
      ],
    })
  })

  it('ilike, concat, in, an empty in, between, case and cast', () => {
    const statement = select({
      label: users.c.name.concat('!'),
      kind: caseWhen([users.c.age.lt(18), 'minor']).else('adult'),
      years: cast(users.c.age, varchar(10)),
    }).where(and(users.c.name.ilike('a%'), users.c.id.in([1, 2]), users.c.id.notIn([]), users.c.age.between(1, 9)))
    expectSql(statement, {
      postgres: [
        'select "users"."name" || $1 as "label", case when "users"."age" < $2 then $3 else $4 end as "kind", cast("users"."age" as varchar(10)) as "years" from "users" where "users"."name" ilike $5 and "users"."id" in ($6, $7) and 1 = 1 and "users"."age" between $8 and $9',
        ['!', 18, 'minor', 'adult', 'a%', 1, 2, 1, 9],
      ],
      mysql: [
        'select concat(`users`.`name`, ?) as `label`, case when `users`.`age` < ? then ? else ? end as `kind`, cast(`users`.`age` as char(10)) as `years` from `users` where lower(`users`.`name`) like lower(?) and `users`.`id` in (?, ?) and 1 = 1 and `users`.`age` between ? and ?',
        ['!', 18, 'minor', 'adult', 'a%', 1, 2, 1, 9],
      ],
      sqlite: [
        'select "users"."name" || ? as "label", case when "users"."age" < ? then ? else ? end as "kind", cast("users"."age" as varchar(10)) as "years" from "users" where lower("users"."name") like lower(?) and "users"."id" in (?, ?) and 1 = 1 and "users"."age" between ? and ?',
        ['!', 18, 'minor', 'adult', 'a%', 1, 2, 1, 9],
      ],
    })
  })

  it('multi-row insert with client defaults and returning', () => {
    const statement = insert(users).values([{ name: 'a' }, { name: 'b', isActive: false }]).returning(users.c.id)
    expectSql(statement, {
      postgres: ['insert into "users" ("name", "is_active") values ($1, $2), ($3, $4) returning "users"."id"', ['a', true, 'b', false]],
      mysql: ['insert into `users` (`name`, `is_active`) values (?, ?), (?, ?) returning `users`.`id`', ['a', 1, 'b', 0]],
      sqlite: ['insert into "users" ("name", "is_active") values (?, ?), (?, ?) returning "users"."id"', ['a', 1, 'b', 0]],
    })
  })

  it('update with an expression, and typed bound values', () => {
    const at = new Date('2024-01-02T03:04:05.006Z')
    const statement = update(posts).where(posts.c.id.eq(7)).values({ views: posts.c.views.add(1) })
    expectSql(statement, {
      postgres: ['update "posts" set "views" = "posts"."views" + $1 where "posts"."id" = $2', [1, 7]],
      mysql: ['update `posts` set `views` = `posts`.`views` + ? where `posts`.`id` = ?', [1, 7]],
      sqlite: ['update "posts" set "views" = "posts"."views" + ? where "posts"."id" = ?', [1, 7]],
    })
    expectSql(update(users).values({ createdAt: at }), {
      postgres: ['update "users" set "created_at" = $1', ['2024-01-02 03:04:05.006']],
      mysql: ['update `users` set `created_at` = ?', ['2024-01-02 03:04:05.006']],
      sqlite: ['update "users" set "created_at" = ?', ['2024-01-02 03:04:05.006']],
    })
  })

  it('delete with returning', () => {
    expectSql(deleteFrom(users).where(users.c.age.lt(0)).returning(users.c.id), {
      postgres: ['delete from "users" where "users"."age" < $1 returning "users"."id"', [0]],
      mysql: ['delete from `users` where `users`.`age` < ? returning `users`.`id`', [0]],
      sqlite: ['delete from "users" where "users"."age" < ? returning "users"."id"', [0]],
    })
  })

  it('text() with named parameters and the sql tag', () => {
    const statement = text('select * from users where name = :name or id = :name and age > :age')
    for (const [name, dialect] of Object.entries(dialects)) {
      const compiled = statement.compile(dialect)
      expect([name, compiled.parameterSlots.map((slot) => slot.name)]).toEqual([name, ['name', 'name', 'age']])
    }
    expect(statement.compile(dialects.postgres).sql).toBe('select * from users where name = $1 or id = $2 and age > $3')
    expect(statement.compile(dialects.mysql).sql).toBe('select * from users where name = ? or id = ? and age > ?')
    expectSql(select({ doubled: sql<number>`${users.c.age} * ${2}` }), {
      postgres: ['select "users"."age" * $1 as "doubled" from "users"', [2]],
      mysql: ['select `users`.`age` * ? as `doubled` from `users`', [2]],
      sqlite: ['select "users"."age" * ? as "doubled" from "users"', [2]],
    })
  })

  it('create table DDL with keys, defaults and constraints', () => {
    const ddl = Object.fromEntries(Object.entries(dialects).map(([name, dialect]) => [name, metadata.createStatements().map((node) => dialect.compile(node).sql)]))
    expect(ddl.postgres[0]).toBe(
      'create table if not exists "users" ("id" integer generated by default as identity primary key, "name" varchar(50) not null, "age" integer, "is_active" boolean not null, "created_at" timestamp)',
    )
    expect(ddl.mysql[0]).toBe(
      'create table if not exists `users` (`id` integer not null auto_increment primary key, `name` varchar(50) not null, `age` integer, `is_active` boolean not null, `created_at` datetime(3))',
    )
    expect(ddl.sqlite[0]).toBe(
      'create table if not exists "users" ("id" integer primary key, "name" varchar(50) not null, "age" integer, "is_active" boolean not null, "created_at" timestamp)',
    )
  })
})
