import {
  MetaData,
  UnsupportedFeatureError,
  bigint,
  blob,
  boolean,
  cast,
  check,
  date,
  deleteFrom,
  double,
  enumType,
  foreignKey,
  func,
  index,
  insert,
  integer,
  json,
  numeric,
  primaryKey,
  real,
  select,
  smallint,
  text,
  time,
  timestamp,
  unique,
  update,
  uuid,
  varchar,
  type Executable,
  type SqlType,
} from '@athanor/core'
import { MysqlDialect } from './mysql-dialect'

/** A dialect that has met a MariaDB 10.11 server, as the driver reports on the first connection. */
function mariaDbDialect(): MysqlDialect {
  const dialect = new MysqlDialect()
  dialect.useServerVersion('10.11.6-MariaDB-0+deb12u1')
  return dialect
}

const dialect = mariaDbDialect()

const metadata = new MetaData()
const users = metadata.table(
  'users',
  {
    id: integer().primaryKey(),
    name: varchar(50).notNull(),
    email: varchar(100).notNull().unique(),
    age: integer(),
    isActive: boolean().notNull().serverDefault(true),
    createdAt: timestamp().notNull().serverDefault(func.now()),
  },
  (t) => [index('ix_users_name').on(t.name), check('age_ok', t.age.ge(0))],
)
const posts = metadata.table(
  'posts',
  {
    id: bigint().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.c.id, { onDelete: 'cascade' }),
    title: varchar(200).notNull(),
    body: text(),
    views: bigint({ mode: 'number' }).notNull().serverDefault(0),
    rating: numeric(3, 1),
    status: enumType(['draft', "it's"]).notNull().serverDefault('draft'),
  },
  (t) => [unique('uq_posts_title').on(t.userId, t.title)],
)
const tags = metadata.table(
  'post_tags',
  { postId: bigint(), tag: varchar(30), note: text().serverDefault('a\\b') },
  (t) => [primaryKey(t.postId, t.tag), foreignKey([t.postId], () => [posts.c.id], { onDelete: 'cascade', onUpdate: 'restrict' })],
)
const everyType = metadata.table('every_type', {
  small: smallint(),
  r: real(),
  d: double(),
  n: numeric(),
  day: date(),
  clock: time(),
  moment: timestamp({ withTimezone: true }),
  doc: json(),
  id: uuid(),
  data: blob(),
})

function expectSql(statement: Executable<unknown>, sql: string, params: unknown[] = []): void {
  const compiled = dialect.compile(statement.node)
  expect(compiled.sql).toBe(sql)
  expect(compiled.params).toEqual(params)
}

describe('MysqlCompiler: queries', () => {
  it('compiles a select with join, where, order, limit and offset', () => {
    expectSql(
      select(users.c.name, posts.c.title)
        .from(users)
        .join(posts, posts.c.userId.eq(users.c.id))
        .where(users.c.age.gt(18), posts.c.title.like('a%'))
        .orderBy(users.c.name.desc(), posts.c.id)
        .limit(10)
        .offset(20)
        .forUpdate(),
      'select `users`.`name`, `posts`.`title` from `users` inner join `posts` on `posts`.`user_id` = `users`.`id` where `users`.`age` > ? and `posts`.`title` like ? order by `users`.`name` desc, `posts`.`id` limit ? offset ? for update',
      [18, 'a%', 10, 20],
    )
  })

  it('writes the largest LIMIT for an OFFSET alone', () => {
    expectSql(select(users.c.id).from(users).offset(5), 'select `users`.`id` from `users` limit 18446744073709551615 offset ?', [5])
  })

  it('emulates NULLS FIRST / LAST where they differ from the default placement', () => {
    expectSql(
      select(users.c.id).from(users).orderBy(users.c.age.asc().nullsLast(), users.c.name.desc().nullsFirst()),
      'select `users`.`id` from `users` order by `users`.`age` is null asc, `users`.`age` asc, `users`.`name` is null desc, `users`.`name` desc',
    )
    // NULL already sorts first ascending and last descending.
    expectSql(
      select(users.c.id).from(users).orderBy(users.c.age.asc().nullsFirst(), users.c.name.desc().nullsLast()),
      'select `users`.`id` from `users` order by `users`.`age` asc, `users`.`name` desc',
    )
    expectSql(
      select(users.c.id).from(users).orderBy(users.c.age.add(1).desc().nullsFirst()),
      'select `users`.`id` from `users` order by (`users`.`age` + ?) is null desc, `users`.`age` + ? desc',
      [1, 1],
    )
  })

  it('compiles ilike with lower(), concat with concat() and an empty IN as false', () => {
    expectSql(select(users.c.id).from(users).where(users.c.name.ilike('Ada%')), 'select `users`.`id` from `users` where lower(`users`.`name`) like lower(?)', ['Ada%'])
    expectSql(
      select(users.c.name.concat(' <', users.c.email, '>').label('display')).from(users),
      'select concat(`users`.`name`, ?, `users`.`email`, ?) as `display` from `users`',
      [' <', '>'],
    )
    expectSql(select(users.c.id).from(users).where(users.c.id.in([])), 'select `users`.`id` from `users` where 1 = 0')
    expectSql(select(users.c.id).from(users).where(users.c.id.notIn([])), 'select `users`.`id` from `users` where 1 = 1')
  })

  it('spells now() with milliseconds and CAST with the type names CAST accepts', () => {
    expectSql(select(users.c.id).from(users).where(users.c.createdAt.lt(func.now())), 'select `users`.`id` from `users` where `users`.`created_at` < current_timestamp(3)')
    expectSql(
      select(cast(users.c.name, integer()).label('a'), cast(users.c.age, varchar(10)).label('b'), cast(users.c.age, numeric(5, 2)).label('c'), cast(users.c.name, timestamp()).label('d')).from(users),
      'select cast(`users`.`name` as signed) as `a`, cast(`users`.`age` as char(10)) as `b`, cast(`users`.`age` as decimal(5, 2)) as `c`, cast(`users`.`name` as datetime(3)) as `d` from `users`',
    )
  })

  it('quotes identifiers with backticks, doubling embedded ones', () => {
    const odd = new MetaData().table('we`ird', { id: integer().primaryKey() })
    expectSql(select(odd.c.id).from(odd), 'select `we``ird`.`id` from `we``ird`')
  })
})

describe('MysqlCompiler: writes', () => {
  it('compiles a multi-row insert, with RETURNING on MariaDB', () => {
    expectSql(
      insert(users).values([
        { name: 'ada', email: 'ada@example.com', isActive: true },
        { name: 'bob', email: 'bob@example.com', isActive: false },
      ]),
      'insert into `users` (`name`, `email`, `is_active`) values (?, ?, ?), (?, ?, ?)',
      ['ada', 'ada@example.com', 1, 'bob', 'bob@example.com', 0],
    )
    expectSql(
      insert(users).values({ name: 'ada', email: 'ada@example.com' }).returning(users.c.id),
      'insert into `users` (`name`, `email`) values (?, ?) returning `users`.`id`',
      ['ada', 'ada@example.com'],
    )
  })

  it('inserts a row of defaults with an empty column list', () => {
    const counters = new MetaData().table('counters', { id: integer().primaryKey() })
    expectSql(insert(counters).values({}), 'insert into `counters` () values ()')
  })

  it('binds timestamps as UTC text and JSON as text', () => {
    const events = new MetaData().table('events', { id: integer().primaryKey(), at: timestamp(), day: date(), payload: json() })
    expectSql(
      insert(events).values({
        at: new Date('2024-01-02T03:04:05.678Z'),
        // A date column's type is string, but a Date is accepted at run time.
        day: new Date('2024-02-29T00:00:00Z') as unknown as string,
        payload: { a: [1] },
      }),
      'insert into `events` (`at`, `day`, `payload`) values (?, ?, ?)',
      ['2024-01-02 03:04:05.678', '2024-02-29', '{"a":[1]}'],
    )
  })

  it('compiles an update with an expression', () => {
    expectSql(
      update(posts)
        .values({ views: posts.c.views.add(1), title: 'new' })
        .where(posts.c.id.eq(7n)),
      'update `posts` set `views` = `posts`.`views` + ?, `title` = ? where `posts`.`id` = ?',
      [1, 'new', 7n],
    )
  })

  it('compiles a delete, with RETURNING on MariaDB', () => {
    expectSql(deleteFrom(posts).where(posts.c.status.eq('draft')), 'delete from `posts` where `posts`.`status` = ?', ['draft'])
    expectSql(deleteFrom(posts).where(posts.c.id.eq(1n)).returning(posts.c.id), 'delete from `posts` where `posts`.`id` = ? returning `posts`.`id`', [1n])
  })

  it('refuses RETURNING on UPDATE, which neither server has', () => {
    expect(() => dialect.compile(update(posts).values({ title: 'x' }).returning(posts.c.id).node)).toThrow(UnsupportedFeatureError)
  })
})

describe('MysqlCompiler: DDL', () => {
  const ddl = (): string[] => metadata.createStatements().map((node) => dialect.compile(node).sql)

  it('creates a table with an AUTO_INCREMENT key, native defaults, a unique column and a check', () => {
    expect(ddl()[0]).toBe(
      'create table if not exists `users` (`id` integer not null auto_increment primary key, `name` varchar(50) not null, `email` varchar(100) not null, ' +
        '`age` integer, `is_active` boolean not null default 1, `created_at` datetime(3) not null default current_timestamp(3), ' +
        'unique (`email`), constraint `age_ok` check (`age` >= 0))',
    )
  })

  it('creates a native enum, foreign keys and named uniques', () => {
    expect(ddl()[2]).toBe(
      'create table if not exists `posts` (`id` bigint not null auto_increment primary key, `user_id` integer not null, `title` varchar(200) not null, `body` text, ' +
        "`views` bigint not null default 0, `rating` decimal(3, 1), `status` enum('draft', 'it''s') not null default 'draft', " +
        'constraint `uq_posts_title` unique (`user_id`, `title`), foreign key (`user_id`) references `users` (`id`) on delete cascade)',
    )
  })

  it('writes a composite key, a composite foreign key and a parenthesised default for TEXT', () => {
    expect(ddl()[3]).toBe(
      "create table if not exists `post_tags` (`post_id` bigint, `tag` varchar(30), `note` text default ('a\\\\b'), " +
        'primary key (`post_id`, `tag`), foreign key (`post_id`) references `posts` (`id`) on delete cascade on update restrict)',
    )
  })

  it('names every column type as MySQL and MariaDB spell it', () => {
    expect(ddl()[4]).toBe(
      'create table if not exists `every_type` (`small` smallint, `r` float, `d` double, `n` decimal(65, 30), `day` date, `clock` time(3), ' +
        '`moment` datetime(3), `doc` json, `id` char(36), `data` longblob)',
    )
  })

  it('creates an index, without IF NOT EXISTS on MySQL, which lacks it', () => {
    expect(ddl()[1]).toBe('create index if not exists `ix_users_name` on `users` (`name`)')
    const mysql8 = new MysqlDialect()
    mysql8.useServerVersion('8.0.36')
    expect(mysql8.compile(metadata.createStatements()[1]).sql).toBe('create index `ix_users_name` on `users` (`name`)')
  })

  it('drops tables dependents first', () => {
    expect(metadata.dropStatements().map((node) => dialect.compile(node).sql)).toEqual([
      'drop table if exists `every_type`',
      'drop table if exists `post_tags`',
      'drop table if exists `posts`',
      'drop table if exists `users`',
    ])
  })
})

describe('MysqlDialect', () => {
  it('allows no RETURNING until the server is known, then what its version has', () => {
    const fresh = new MysqlDialect()
    expect(fresh.capabilities).toMatchObject({ insertReturning: false, updateReturning: false, deleteReturning: false, transactionalDdl: false, maxParameters: 65_535 })
    expect(() => fresh.compile(insert(users).values({ name: 'a', email: 'b' }).returning(users.c.id).node)).toThrow(UnsupportedFeatureError)
    fresh.useServerVersion('10.11.6-MariaDB-0+deb12u1')
    expect(fresh.flavour).toBe('mariadb')
    expect(fresh.capabilities).toMatchObject({ insertReturning: true, updateReturning: false, deleteReturning: true })
    fresh.useServerVersion('5.5.5-10.4.32-MariaDB')
    expect(fresh.capabilities).toMatchObject({ insertReturning: false, deleteReturning: true })
    fresh.useServerVersion('8.0.36')
    expect(fresh.flavour).toBe('mysql')
    expect(fresh.capabilities).toMatchObject({ insertReturning: false, updateReturning: false, deleteReturning: false })
    expect(new MysqlDialect({ flavour: 'mariadb' }).capabilities).toMatchObject({ insertReturning: true, deleteReturning: true })
  })

  it('controls transactions and savepoints', () => {
    const sql = dialect.transactionSql
    expect(sql.begin(undefined)).toEqual(['start transaction'])
    expect(sql.begin('READ COMMITTED')).toEqual(['set transaction isolation level read committed', 'start transaction'])
    expect([sql.commit, sql.rollback]).toEqual(['commit', 'rollback'])
    expect(sql.savepoint('sp`1')).toBe('savepoint `sp``1`')
    expect(sql.releaseSavepoint('sp_1')).toBe('release savepoint `sp_1`')
    expect(sql.rollbackToSavepoint('sp_1')).toBe('rollback to savepoint `sp_1`')
  })

  it('reads driver values as the other dialects return them', () => {
    const read = (expression: { readonly sqlType: SqlType | undefined }, value: unknown): unknown => {
      const processor = dialect.resultProcessor(expression.sqlType, { readsBigIntegers: false })
      return processor ? processor(value) : value
    }
    expect(read(users.c.id, '3')).toBe(3)
    expect(read(func.count(), '2')).toBe(2)
    expect(read(posts.c.id, '9007199254740993')).toBe(9007199254740993n)
    expect(read(posts.c.views, '12')).toBe(12)
    expect(read(posts.c.rating, '1.0')).toBe('1.0')
    expect(read(everyType.c.n, '1.100000000000000000000000000000')).toBe('1.1')
    expect(read(everyType.c.r, 0.10000000149011612)).toBe(0.1)
    expect(read(everyType.c.clock, '12:34:56.500')).toBe('12:34:56.5')
    expect(read(everyType.c.clock, '12:34:50.000')).toBe('12:34:50')
    expect(read(users.c.isActive, 0)).toBe(false)
    expect(read(users.c.createdAt, '2024-01-02 03:04:05.678')).toEqual(new Date('2024-01-02T03:04:05.678Z'))
    expect(read(everyType.c.doc, '{"a":[1]}')).toEqual({ a: [1] })
  })
})
