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
import { CompileError, UnsupportedFeatureError, excluded } from '@athanor/core'
import { alias, exists, literal, notExists } from '@athanor/core'

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

describe('DML on every dialect: upserts, INSERT … SELECT, UPDATE … FROM, DELETE … USING', () => {
  const dml = new MetaData()
  const counters = dml.table('counters', { id: integer().primaryKey(), name: varchar(50).notNull().unique(), hits: integer().notNull().default(0) })
  const archive = dml.table('archive', { id: integer().primaryKey(), name: varchar(50).notNull() })

  it('upsert: on conflict do update, reading the proposed row with excluded()', () => {
    const statement = insert(counters)
      .values({ name: 'home', hits: 1 })
      .onConflictDoUpdate({ target: counters.c.name, set: { hits: counters.c.hits.add(1), name: excluded(counters.c.name) } })
    expectSql(statement, {
      postgres: ['insert into "counters" ("name", "hits") values ($1, $2) on conflict ("name") do update set "hits" = "counters"."hits" + $3, "name" = excluded."name"', ['home', 1, 1]],
      mysql: ['insert into `counters` (`name`, `hits`) values (?, ?) on duplicate key update `hits` = `counters`.`hits` + ?, `name` = values(`name`)', ['home', 1, 1]],
      sqlite: ['insert into "counters" ("name", "hits") values (?, ?) on conflict ("name") do update set "hits" = "counters"."hits" + ?, "name" = excluded."name"', ['home', 1, 1]],
    })
  })

  it('upsert with a composite target, a WHERE on the update, and RETURNING (refused on MySQL)', () => {
    const statement = insert(counters)
      .values([{ name: 'a' }, { name: 'b' }])
      .onConflictDoUpdate({ target: [counters.c.id, counters.c.name], set: { hits: excluded(counters.c.hits) }, where: counters.c.hits.lt(10) })
      .returning(counters.c.id)
    const postgres = dialects.postgres.compile(statement.node)
    expect([postgres.sql, postgres.params]).toEqual([
      'insert into "counters" ("name", "hits") values ($1, $2), ($3, $4) on conflict ("id", "name") do update set "hits" = excluded."hits" where "counters"."hits" < $5 returning "counters"."id"',
      ['a', 0, 'b', 0, 10],
    ])
    expect(dialects.sqlite.compile(statement.node).sql).toBe(
      'insert into "counters" ("name", "hits") values (?, ?), (?, ?) on conflict ("id", "name") do update set "hits" = excluded."hits" where "counters"."hits" < ? returning "counters"."id"',
    )
    expect(() => dialects.mysql.compile(statement.node)).toThrow(UnsupportedFeatureError)
    expect(() => dialects.mysql.compile(statement.node)).toThrow(/WHERE on the conflict update.*caseWhen/)
  })

  it('on conflict do nothing, with and without a target; MySQL makes it a no-op update', () => {
    expectSql(insert(counters).values({ name: 'home' }).onConflictDoNothing(), {
      postgres: ['insert into "counters" ("name", "hits") values ($1, $2) on conflict do nothing', ['home', 0]],
      mysql: ['insert into `counters` (`name`, `hits`) values (?, ?) on duplicate key update `name` = `counters`.`name`', ['home', 0]],
      sqlite: ['insert into "counters" ("name", "hits") values (?, ?) on conflict do nothing', ['home', 0]],
    })
    expectSql(insert(counters).values({ name: 'home' }).onConflictDoNothing(counters.c.id), {
      postgres: ['insert into "counters" ("name", "hits") values ($1, $2) on conflict ("id") do nothing', ['home', 0]],
      mysql: ['insert into `counters` (`name`, `hits`) values (?, ?) on duplicate key update `id` = `counters`.`id`', ['home', 0]],
      sqlite: ['insert into "counters" ("name", "hits") values (?, ?) on conflict ("id") do nothing', ['home', 0]],
    })
  })

  it('insert from a select; SQLite gets WHERE true when an upsert follows a SELECT without WHERE', () => {
    expectSql(insert(archive).fromSelect([archive.c.id, archive.c.name], select(users.c.id, users.c.name).where(users.c.age.gt(60))), {
      postgres: ['insert into "archive" ("id", "name") select "users"."id", "users"."name" from "users" where "users"."age" > $1', [60]],
      mysql: ['insert into `archive` (`id`, `name`) select `users`.`id`, `users`.`name` from `users` where `users`.`age` > ?', [60]],
      sqlite: ['insert into "archive" ("id", "name") select "users"."id", "users"."name" from "users" where "users"."age" > ?', [60]],
    })
    expectSql(insert(archive).fromSelect([archive.c.id, archive.c.name], select(users.c.id, users.c.name)).onConflictDoNothing(archive.c.id), {
      postgres: ['insert into "archive" ("id", "name") select "users"."id", "users"."name" from "users" on conflict ("id") do nothing', []],
      mysql: ['insert into `archive` (`id`, `name`) select `users`.`id`, `users`.`name` from `users` on duplicate key update `id` = `archive`.`id`', []],
      sqlite: ['insert into "archive" ("id", "name") select "users"."id", "users"."name" from "users" where true on conflict ("id") do nothing', []],
    })
  })

  it('update from another table: UPDATE … FROM, or a multi-table UPDATE with qualified SET on MySQL', () => {
    const statement = update(posts).from(users).where(posts.c.userId.eq(users.c.id), users.c.isActive.eq(false)).values({ views: 0 })
    expectSql(statement, {
      postgres: ['update "posts" set "views" = $1 from "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = $2', [0, false]],
      mysql: ['update `posts`, `users` set `posts`.`views` = ? where `posts`.`user_id` = `users`.`id` and `users`.`is_active` = ?', [0, 0]],
      sqlite: ['update "posts" set "views" = ? from "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = ?', [0, 0]],
    })
  })

  it('delete driven by another table: USING, a multi-table DELETE, or a correlated EXISTS', () => {
    const statement = deleteFrom(posts).using(users).where(posts.c.userId.eq(users.c.id), users.c.isActive.eq(false))
    expectSql(statement, {
      postgres: ['delete from "posts" using "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = $1', [false]],
      mysql: ['delete `posts` from `posts`, `users` where `posts`.`user_id` = `users`.`id` and `users`.`is_active` = ?', [0]],
      sqlite: ['delete from "posts" where exists (select 1 from "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = ?)', [0]],
    })
    // MariaDB refuses RETURNING on a multi-table DELETE: the EXISTS form carries it.
    expectSql(statement.returning(posts.c.id), {
      postgres: ['delete from "posts" using "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = $1 returning "posts"."id"', [false]],
      mysql: ['delete from `posts` where exists (select 1 from `users` where `posts`.`user_id` = `users`.`id` and `users`.`is_active` = ?) returning `posts`.`id`', [0]],
      sqlite: ['delete from "posts" where exists (select 1 from "users" where "posts"."user_id" = "users"."id" and "users"."is_active" = ?) returning "posts"."id"', [0]],
    })
  })

  it('an INSERT over the parameter limit refuses compile() and shows its batches with compileBatches()', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => ({ name: `n${index}`, hits: index }))
    const statement = insert(counters).values(rows)
    // SQLite takes 32766 parameters: 16383 rows of two values, then the remaining 3617.
    expect(() => statement.compile(dialects.sqlite)).toThrow(CompileError)
    expect(() => statement.compile(dialects.sqlite)).toThrow(/compileBatches/)
    const batches = statement.compileBatches(dialects.sqlite)
    expect(batches.map((batch) => batch.params.length)).toEqual([32_766, 7_234])
    expect(batches[1].params.slice(0, 2)).toEqual(['n16383', 16_383])
    // PostgreSQL and MySQL take 65535: the same rows fit in one statement.
    expect(statement.compile(dialects.postgres).params).toHaveLength(40_000)
    expect(statement.compileBatches(dialects.mysql)).toHaveLength(1)
  })
})

describe('SELECT features on every dialect', () => {
  const selectMetadata = new MetaData()
  const staff = selectMetadata.table('staff', { id: integer().primaryKey(), name: varchar(50).notNull(), managerId: integer() })
  const managers = alias(staff, 'm')

  it('self-join through an alias; right, full and cross joins', () => {
    expectSql(select({ name: staff.c.name, manager: managers.c.name }).leftJoin(managers, managers.c.id.eq(staff.c.managerId)), {
      postgres: ['select "staff"."name", "m"."name" from "staff" left join "staff" as "m" on "m"."id" = "staff"."manager_id"', []],
      mysql: ['select `staff`.`name`, `m`.`name` from `staff` left join `staff` as `m` on `m`.`id` = `staff`.`manager_id`', []],
      sqlite: ['select "staff"."name", "m"."name" from "staff" left join "staff" as "m" on "m"."id" = "staff"."manager_id"', []],
    })
    expectSql(select(users.c.name, posts.c.id).rightJoin(posts, posts.c.userId.eq(users.c.id)), {
      postgres: ['select "users"."name", "posts"."id" from "users" right join "posts" on "posts"."user_id" = "users"."id"', []],
      mysql: ['select `users`.`name`, `posts`.`id` from `users` right join `posts` on `posts`.`user_id` = `users`.`id`', []],
      sqlite: ['select "users"."name", "posts"."id" from "users" right join "posts" on "posts"."user_id" = "users"."id"', []],
    })
    expectSql(select(staff.c.name, managers.c.name.label('other')).crossJoin(managers), {
      postgres: ['select "staff"."name", "m"."name" as "other" from "staff" cross join "staff" as "m"', []],
      mysql: ['select `staff`.`name`, `m`.`name` as `other` from `staff` cross join `staff` as `m`', []],
      sqlite: ['select "staff"."name", "m"."name" as "other" from "staff" cross join "staff" as "m"', []],
    })
    const full = select(users.c.name, posts.c.id).fullJoin(posts, posts.c.userId.eq(users.c.id))
    expect(full.compile(dialects.postgres).sql).toBe('select "users"."name", "posts"."id" from "users" full join "posts" on "posts"."user_id" = "users"."id"')
    expect(full.compile(dialects.sqlite).sql).toBe('select "users"."name", "posts"."id" from "users" full join "posts" on "posts"."user_id" = "users"."id"')
    expect(() => full.compile(dialects.mysql)).toThrow(UnsupportedFeatureError)
    expect(() => full.compile(dialects.mysql)).toThrow('The mysql dialect does not support FULL OUTER JOIN.')
  })

  it('a subquery in FROM or a join is aliased, its columns named by row key', () => {
    const totals = select({ userId: posts.c.userId, total: func.sum(posts.c.views) }).groupBy(posts.c.userId).subquery('totals')
    expectSql(select(users.c.name, totals.c.total).join(totals, totals.c.userId.eq(users.c.id)).where(totals.c.total.gt(10)), {
      postgres: [
        'select "users"."name", "totals"."total" from "users" inner join (select "posts"."user_id" as "userId", sum("posts"."views") as "total" from "posts" group by "posts"."user_id") as "totals" on "totals"."userId" = "users"."id" where "totals"."total" > $1',
        [10],
      ],
      mysql: [
        'select `users`.`name`, `totals`.`total` from `users` inner join (select `posts`.`user_id` as `userId`, sum(`posts`.`views`) as `total` from `posts` group by `posts`.`user_id`) as `totals` on `totals`.`userId` = `users`.`id` where `totals`.`total` > ?',
        [10],
      ],
      sqlite: [
        'select "users"."name", "totals"."total" from "users" inner join (select "posts"."user_id" as "userId", sum("posts"."views") as "total" from "posts" group by "posts"."user_id") as "totals" on "totals"."userId" = "users"."id" where "totals"."total" > ?',
        [10],
      ],
    })
    // Selecting a subquery's columns alone puts it in FROM.
    expectSql(select(totals), {
      postgres: ['select "totals"."userId", "totals"."total" from (select "posts"."user_id" as "userId", sum("posts"."views") as "total" from "posts" group by "posts"."user_id") as "totals"', []],
      mysql: ['select `totals`.`userId`, `totals`.`total` from (select `posts`.`user_id` as `userId`, sum(`posts`.`views`) as `total` from `posts` group by `posts`.`user_id`) as `totals`', []],
      sqlite: ['select "totals"."userId", "totals"."total" from (select "posts"."user_id" as "userId", sum("posts"."views") as "total" from "posts" group by "posts"."user_id") as "totals"', []],
    })
  })

  it('scalar subqueries, EXISTS and IN (select) correlate to the enclosing query', () => {
    const postCount = select({ n: func.count() }).from(posts).where(posts.c.userId.eq(users.c.id)).scalarSubquery()
    expectSql(select(users.c.name, postCount.label('postCount')).where(postCount.gt(2)), {
      postgres: [
        'select "users"."name", (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id") as "postCount" from "users" where (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id") > $1',
        [2],
      ],
      mysql: [
        'select `users`.`name`, (select count(*) as `n` from `posts` where `posts`.`user_id` = `users`.`id`) as `postCount` from `users` where (select count(*) as `n` from `posts` where `posts`.`user_id` = `users`.`id`) > ?',
        [2],
      ],
      sqlite: [
        'select "users"."name", (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id") as "postCount" from "users" where (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id") > ?',
        [2],
      ],
    })
    const statement = select(users.c.name).where(
      exists(select(posts.c.id).where(posts.c.userId.eq(users.c.id), posts.c.views.gt(5))),
      notExists(select(staff.c.id).where(staff.c.managerId.eq(users.c.id))),
      users.c.id.notIn(select(posts.c.userId).where(posts.c.views.eq(0))),
    )
    expectSql(statement, {
      postgres: [
        'select "users"."name" from "users" where exists (select "posts"."id" from "posts" where "posts"."user_id" = "users"."id" and "posts"."views" > $1) and not exists (select "staff"."id" from "staff" where "staff"."manager_id" = "users"."id") and "users"."id" not in (select "posts"."user_id" from "posts" where "posts"."views" = $2)',
        [5, 0],
      ],
      mysql: [
        'select `users`.`name` from `users` where exists (select `posts`.`id` from `posts` where `posts`.`user_id` = `users`.`id` and `posts`.`views` > ?) and not exists (select `staff`.`id` from `staff` where `staff`.`manager_id` = `users`.`id`) and `users`.`id` not in (select `posts`.`user_id` from `posts` where `posts`.`views` = ?)',
        [5, 0],
      ],
      sqlite: [
        'select "users"."name" from "users" where exists (select "posts"."id" from "posts" where "posts"."user_id" = "users"."id" and "posts"."views" > ?) and not exists (select "staff"."id" from "staff" where "staff"."manager_id" = "users"."id") and "users"."id" not in (select "posts"."user_id" from "posts" where "posts"."views" = ?)',
        [5, 0],
      ],
    })
    // One source, which the enclosing query also reads: not correlated (as in SQLAlchemy).
    expectSql(select(users.c.name).where(users.c.age.gt(select({ average: func.avg(users.c.age) }).scalarSubquery())), {
      postgres: ['select "users"."name" from "users" where "users"."age" > (select avg("users"."age") as "average" from "users")', []],
      mysql: ['select `users`.`name` from `users` where `users`.`age` > (select avg(`users`.`age`) as `average` from `users`)', []],
      sqlite: ['select "users"."name" from "users" where "users"."age" > (select avg("users"."age") as "average" from "users")', []],
    })
    expect(() => select(users.c.name).where(exists(select(users.c.id, posts.c.id.label('p')))).compile(dialects.postgres)).not.toThrow()
    expect(() => select(users.c.name, posts.c.id).where(exists(select(users.c.id, posts.c.id.label('p')))).compile(dialects.postgres)).toThrow(CompileError)
  })

  it('subqueries in UPDATE and DELETE correlate to the target table', () => {
    expectSql(deleteFrom(users).where(notExists(select(posts.c.id).where(posts.c.userId.eq(users.c.id)))), {
      postgres: ['delete from "users" where not exists (select "posts"."id" from "posts" where "posts"."user_id" = "users"."id")', []],
      mysql: ['delete from `users` where not exists (select `posts`.`id` from `posts` where `posts`.`user_id` = `users`.`id`)', []],
      sqlite: ['delete from "users" where not exists (select "posts"."id" from "posts" where "posts"."user_id" = "users"."id")', []],
    })
    expectSql(update(users).values({ age: select({ n: func.count() }).from(posts).where(posts.c.userId.eq(users.c.id)).scalarSubquery() }), {
      postgres: ['update "users" set "age" = (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id")', []],
      mysql: ['update `users` set `age` = (select count(*) as `n` from `posts` where `posts`.`user_id` = `users`.`id`)', []],
      sqlite: ['update "users" set "age" = (select count(*) as "n" from "posts" where "posts"."user_id" = "users"."id")', []],
    })
  })

  it('a CTE named in FROM or a join brings its WITH clause; a recursive one lists its columns', () => {
    const counts = select({ userId: posts.c.userId, n: func.count() }).groupBy(posts.c.userId).cte('counts')
    expectSql(select(users.c.name, counts.c.n).join(counts, counts.c.userId.eq(users.c.id)), {
      postgres: ['with "counts" as (select "posts"."user_id" as "userId", count(*) as "n" from "posts" group by "posts"."user_id") select "users"."name", "counts"."n" from "users" inner join "counts" on "counts"."userId" = "users"."id"', []],
      mysql: ['with `counts` as (select `posts`.`user_id` as `userId`, count(*) as `n` from `posts` group by `posts`.`user_id`) select `users`.`name`, `counts`.`n` from `users` inner join `counts` on `counts`.`userId` = `users`.`id`', []],
      sqlite: ['with "counts" as (select "posts"."user_id" as "userId", count(*) as "n" from "posts" group by "posts"."user_id") select "users"."name", "counts"."n" from "users" inner join "counts" on "counts"."userId" = "users"."id"', []],
    })
    const first = select(users.c.id).cte('same')
    const second = select(posts.c.id).cte('same')
    expect(() => select(first.c.id, second.c.id.label('other')).compile(dialects.sqlite)).toThrow('Two different CTEs are named "same"')
    const chain = select(staff.c.id, staff.c.managerId, literal(0).label('depth')).where(staff.c.managerId.isNull()).cte('chain', { recursive: true })
    const all = chain.unionAll(select(staff.c.id, staff.c.managerId, chain.c.depth.add(1).label('depth')).join(chain, staff.c.managerId.eq(chain.c.id)))
    expectSql(select(all.c.id, all.c.depth).orderBy(all.c.id), {
      postgres: [
        'with recursive "chain"("id", "managerId", "depth") as (select "staff"."id", "staff"."manager_id" as "managerId", $1 as "depth" from "staff" where "staff"."manager_id" is null union all select "staff"."id", "staff"."manager_id" as "managerId", "chain"."depth" + $2 as "depth" from "staff" inner join "chain" on "staff"."manager_id" = "chain"."id") select "chain"."id", "chain"."depth" from "chain" order by "chain"."id"',
        [0, 1],
      ],
      mysql: [
        'with recursive `chain`(`id`, `managerId`, `depth`) as (select `staff`.`id`, `staff`.`manager_id` as `managerId`, ? as `depth` from `staff` where `staff`.`manager_id` is null union all select `staff`.`id`, `staff`.`manager_id` as `managerId`, `chain`.`depth` + ? as `depth` from `staff` inner join `chain` on `staff`.`manager_id` = `chain`.`id`) select `chain`.`id`, `chain`.`depth` from `chain` order by `chain`.`id`',
        [0, 1],
      ],
      sqlite: [
        'with recursive "chain"("id", "managerId", "depth") as (select "staff"."id", "staff"."manager_id" as "managerId", ? as "depth" from "staff" where "staff"."manager_id" is null union all select "staff"."id", "staff"."manager_id" as "managerId", "chain"."depth" + ? as "depth" from "staff" inner join "chain" on "staff"."manager_id" = "chain"."id") select "chain"."id", "chain"."depth" from "chain" order by "chain"."id"',
        [0, 1],
      ],
    })
  })

  it('set operations: bare members, grouped members (a subquery on SQLite), ORDER BY on output names', () => {
    const older = select(users.c.name).where(users.c.age.gt(60))
    const younger = select(users.c.name).where(users.c.age.lt(18))
    expectSql(older.union(younger).orderBy(users.c.name.desc()).limit(5).offset(1), {
      postgres: ['select "users"."name" from "users" where "users"."age" > $1 union select "users"."name" from "users" where "users"."age" < $2 order by "name" desc limit $3 offset $4', [60, 18, 5, 1]],
      mysql: ['select `users`.`name` from `users` where `users`.`age` > ? union select `users`.`name` from `users` where `users`.`age` < ? order by `name` desc limit ? offset ?', [60, 18, 5, 1]],
      sqlite: ['select "users"."name" from "users" where "users"."age" > ? union select "users"."name" from "users" where "users"."age" < ? order by "name" desc limit ? offset ?', [60, 18, 5, 1]],
    })
    expectSql(older.orderBy(users.c.age.desc()).limit(1).unionAll(younger.limit(1)), {
      postgres: ['(select "users"."name" from "users" where "users"."age" > $1 order by "users"."age" desc limit $2) union all (select "users"."name" from "users" where "users"."age" < $3 limit $4)', [60, 1, 18, 1]],
      mysql: ['(select `users`.`name` from `users` where `users`.`age` > ? order by `users`.`age` desc limit ?) union all (select `users`.`name` from `users` where `users`.`age` < ? limit ?)', [60, 1, 18, 1]],
      sqlite: ['select * from (select "users"."name" from "users" where "users"."age" > ? order by "users"."age" desc limit ?) union all select * from (select "users"."name" from "users" where "users"."age" < ? limit ?)', [60, 1, 18, 1]],
    })
    // INTERSECT binds tighter than UNION on PostgreSQL and MySQL: the union is grouped first.
    expectSql(select(users.c.id).union(select(posts.c.userId)).intersect(select(staff.c.id)), {
      postgres: ['(select "users"."id" from "users" union select "posts"."user_id" from "posts") intersect select "staff"."id" from "staff"', []],
      mysql: ['(select `users`.`id` from `users` union select `posts`.`user_id` from `posts`) intersect select `staff`.`id` from `staff`', []],
      sqlite: ['select * from (select "users"."id" from "users" union select "posts"."user_id" from "posts") intersect select "staff"."id" from "staff"', []],
    })
    expectSql(select({ who: users.c.id }).except(select({ who: posts.c.userId })).orderBy(users.c.id), {
      postgres: ['select "users"."id" from "users" except select "posts"."user_id" from "posts" order by "id"', []],
      mysql: ['select `users`.`id` from `users` except select `posts`.`user_id` from `posts` order by `id`', []],
      sqlite: ['select "users"."id" from "users" except select "posts"."user_id" from "posts" order by "id"', []],
    })
  })

  it('window functions: known names in snake_case, partition, order and frames', () => {
    const statement = select({
      name: users.c.name,
      rank: func.denseRank().over({ partitionBy: users.c.isActive, orderBy: users.c.age.desc() }),
      running: func.sum(users.c.age).over({ orderBy: users.c.id, frame: { rows: [null, 0] } }),
      nearby: func.avg(users.c.age).over({ orderBy: users.c.age, frame: { range: [-5, 5] } }),
      previous: func.lag(users.c.name).over({ orderBy: users.c.id }),
      all: func.count().over(),
    })
    expectSql(statement, {
      postgres: [
        'select "users"."name", dense_rank() over (partition by "users"."is_active" order by "users"."age" desc) as "rank", sum("users"."age") over (order by "users"."id" rows between unbounded preceding and current row) as "running", avg("users"."age") over (order by "users"."age" range between $1 preceding and $2 following) as "nearby", lag("users"."name") over (order by "users"."id") as "previous", count(*) over () as "all" from "users"',
        [5, 5],
      ],
      // MariaDB takes only literal frame offsets.
      mysql: [
        'select `users`.`name`, dense_rank() over (partition by `users`.`is_active` order by `users`.`age` desc) as `rank`, sum(`users`.`age`) over (order by `users`.`id` rows between unbounded preceding and current row) as `running`, avg(`users`.`age`) over (order by `users`.`age` range between 5 preceding and 5 following) as `nearby`, lag(`users`.`name`) over (order by `users`.`id`) as `previous`, count(*) over () as `all` from `users`',
        [],
      ],
      sqlite: [
        'select "users"."name", dense_rank() over (partition by "users"."is_active" order by "users"."age" desc) as "rank", sum("users"."age") over (order by "users"."id" rows between unbounded preceding and current row) as "running", avg("users"."age") over (order by "users"."age" range between ? preceding and ? following) as "nearby", lag("users"."name") over (order by "users"."id") as "previous", count(*) over () as "all" from "users"',
        [5, 5],
      ],
    })
    expect(() => func.rowNumber().over({ frame: { rows: [1, -1] } })).toThrow(/starts after it ends/)
    expect(() => func.lead(users.c.age, 1, 0).over().label('x')).not.toThrow()
    expect(() => select(func.lead(users.c.age, 1, 0).over().label('x')).compile(dialects.mysql)).toThrow(/default value in lead\(\) on MariaDB/)
  })

  it('DISTINCT ON is PostgreSQL only', () => {
    const statement = select(posts.c.userId, posts.c.id).distinctOn(posts.c.userId).orderBy(posts.c.userId, posts.c.views.desc())
    expect(statement.compile(dialects.postgres).sql).toBe('select distinct on ("posts"."user_id") "posts"."user_id", "posts"."id" from "posts" order by "posts"."user_id", "posts"."views" desc')
    expect(() => statement.compile(dialects.mysql)).toThrow('The mysql dialect does not support DISTINCT ON.')
    expect(() => statement.compile(dialects.sqlite)).toThrow('The sqlite dialect does not support DISTINCT ON.')
  })

  it('FOR UPDATE with SKIP LOCKED, NOWAIT and OF; SQLite drops it', () => {
    expectSql(select(users.c.id).where(users.c.isActive.eq(true)).limit(1).forUpdate({ skipLocked: true }), {
      postgres: ['select "users"."id" from "users" where "users"."is_active" = $1 limit $2 for update skip locked', [true, 1]],
      mysql: ['select `users`.`id` from `users` where `users`.`is_active` = ? limit ? for update skip locked', [1, 1]],
      sqlite: ['select "users"."id" from "users" where "users"."is_active" = ? limit ?', [1, 1]],
    })
    const joined = select(users.c.id, posts.c.id.label('postId')).join(posts, posts.c.userId.eq(users.c.id))
    expect(joined.forUpdate({ nowait: true, of: users }).compile(dialects.postgres).sql).toBe(
      'select "users"."id", "posts"."id" as "postId" from "users" inner join "posts" on "posts"."user_id" = "users"."id" for update of "users" nowait',
    )
    expect(joined.forUpdate({ of: users }).compile(new MysqlDialect({ flavour: 'mysql' })).sql).toBe(
      'select `users`.`id`, `posts`.`id` as `postId` from `users` inner join `posts` on `posts`.`user_id` = `users`.`id` for update of `users`',
    )
    expect(() => joined.forUpdate({ of: users }).compile(dialects.mysql)).toThrow('The mysql dialect does not support FOR UPDATE OF on MariaDB.')
    expect(() => joined.forUpdate({ nowait: true, skipLocked: true })).toThrow(/exclude each other/)
  })
})
