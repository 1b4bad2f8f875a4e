import {
  MetaData,
  bigint,
  blob,
  boolean,
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
  jsonb,
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
} from '@athanor/core'
import { PostgresDialect } from './postgresql-dialect'

const dialect = new PostgresDialect()

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
    status: enumType(['draft', 'published']).notNull().serverDefault('draft'),
    meta: json(),
    metaB: jsonb(),
    key: uuid(),
    data: blob(),
    day: date(),
    at: time(),
    ratio: double(),
    score: real(),
    small: smallint(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('ix_posts_user_title').on(t.userId, t.title).unique()],
)
metadata.table('post_tags', { postId: bigint().notNull(), tag: varchar(30).notNull() }, (t) => [
  primaryKey(t.postId, t.tag),
  unique('uq_tag').on(t.tag, t.postId),
  foreignKey([t.postId], () => [posts.c.id], { name: 'fk_tag_post', onUpdate: 'restrict' }),
])

function expectSql(statement: Executable<unknown>, [sql, params]: [string, unknown[]]): void {
  const compiled = statement.compile(dialect)
  expect(compiled.sql).toBe(sql)
  expect(compiled.params).toEqual(params)
}

describe('PostgresCompiler', () => {
  it('compiles select with join, where, order by, limit and offset', () => {
    expectSql(
      select(users.c.id, posts.c.title)
        .from(users)
        .join(posts, posts.c.userId.eq(users.c.id))
        .where(users.c.age.gt(18), users.c.name.ne('x'))
        .orderBy(users.c.name.desc().nullsLast(), posts.c.id.asc().nullsFirst())
        .limit(10)
        .offset(20),
      [
        'select "users"."id", "posts"."title" from "users" inner join "posts" on "posts"."user_id" = "users"."id" where "users"."age" > $1 and "users"."name" <> $2 order by "users"."name" desc nulls last, "posts"."id" asc nulls first limit $3 offset $4',
        [18, 'x', 10, 20],
      ],
    )
  })

  it('writes offset without limit', () => {
    expectSql(select(users.c.id).orderBy(users.c.id).offset(5), ['select "users"."id" from "users" order by "users"."id" offset $1', [5]])
  })

  it('locks rows with for update', () => {
    expectSql(select(users.c.id).where(users.c.id.eq(1)).forUpdate(), ['select "users"."id" from "users" where "users"."id" = $1 for update', [1]])
  })

  it('compiles a multi-row insert with returning', () => {
    expectSql(insert(users).values([{ name: 'a', email: 'a@x' }, { name: 'b', email: 'b@x', age: 3 }]).returning(users.c.id, users.c.createdAt), [
      'insert into "users" ("name", "email", "age") values ($1, $2, $3), ($4, $5, $6) returning "users"."id", "users"."created_at"',
      ['a', 'a@x', null, 'b', 'b@x', 3],
    ])
  })

  it('binds values through the type processors', () => {
    const at = new Date('2024-05-01T12:30:00.123Z')
    expectSql(insert(posts).values({ userId: 1, title: 't', meta: [1, 2], data: new Uint8Array([1, 2]), day: at as unknown as string, publishedAt: at }), [
      'insert into "posts" ("user_id", "title", "meta", "data", "day", "published_at") values ($1, $2, $3, $4, $5, $6)',
      [1, 't', '[1,2]', Buffer.from([1, 2]), '2024-05-01', '2024-05-01T12:30:00.123Z'],
    ])
    expectSql(select(users.c.id).where(users.c.createdAt.lt(at)), ['select "users"."id" from "users" where "users"."created_at" < $1', ['2024-05-01 12:30:00.123']])
  })

  it('compiles update with an expression', () => {
    expectSql(update(posts).values({ views: posts.c.views.add(1), title: 't' }).where(posts.c.id.eq(5n)), [
      'update "posts" set "views" = "posts"."views" + $1, "title" = $2 where "posts"."id" = $3',
      [1, 't', 5n],
    ])
  })

  it('compiles update and delete with returning', () => {
    expectSql(update(posts).values({ title: 't' }).where(posts.c.id.eq(1n)).returning(posts.c.id, posts.c.title), [
      'update "posts" set "title" = $1 where "posts"."id" = $2 returning "posts"."id", "posts"."title"',
      ['t', 1n],
    ])
    expectSql(deleteFrom(posts).where(posts.c.status.eq('draft')).returning(posts.c.id), ['delete from "posts" where "posts"."status" = $1 returning "posts"."id"', ['draft']])
  })

  it('uses native ilike and not ilike, and plain like', () => {
    expectSql(select(users.c.id).where(users.c.name.ilike('%a%'), users.c.email.notIlike('%b'), users.c.name.like('c%')), [
      'select "users"."id" from "users" where "users"."name" ilike $1 and "users"."email" not ilike $2 and "users"."name" like $3',
      ['%a%', '%b', 'c%'],
    ])
  })

  it('concatenates with ||', () => {
    expectSql(select(users.c.name.concat(' <', users.c.email, '>').label('c')), ['select "users"."name" || $1 || "users"."email" || $2 as "c" from "users"', [' <', '>']])
  })

  it('turns empty in lists into constant conditions', () => {
    expectSql(select(users.c.id).where(users.c.id.in([]), users.c.age.notIn([]), users.c.id.in([1, 2])), [
      'select "users"."id" from "users" where 1 = 0 and 1 = 1 and "users"."id" in ($1, $2)',
      [1, 2],
    ])
  })

  it('writes DDL with identity keys, defaults, checks, enums and foreign keys', () => {
    const ddl = metadata.createStatements().map((node) => dialect.compile(node))
    expect(ddl.map((compiled) => compiled.sql)).toEqual([
      'create table if not exists "users" ("id" integer generated by default as identity primary key, "name" varchar(50) not null, "email" varchar(100) not null, "age" integer, "is_active" boolean not null default true, "created_at" timestamp not null default (now()), unique ("email"), constraint "age_ok" check ("age" >= 0))',
      'create index if not exists "ix_users_name" on "users" ("name")',
      'create table if not exists "posts" ("id" bigint generated by default as identity primary key, "user_id" integer not null, "title" varchar(200) not null, "body" text, "views" bigint not null default 0, "rating" numeric(3, 1), "status" varchar(255) not null default \'draft\' check ("status" in (\'draft\', \'published\')), "meta" json, "meta_b" jsonb, "key" uuid, "data" bytea, "day" date, "at" time, "ratio" double precision, "score" real, "small" smallint, "published_at" timestamp with time zone, foreign key ("user_id") references "users" ("id") on delete cascade)',
      'create unique index if not exists "ix_posts_user_title" on "posts" ("user_id", "title")',
      'create table if not exists "post_tags" ("post_id" bigint not null, "tag" varchar(30) not null, primary key ("post_id", "tag"), constraint "uq_tag" unique ("tag", "post_id"), constraint "fk_tag_post" foreign key ("post_id") references "posts" ("id") on update restrict)',
    ])
    expect(ddl.every((compiled) => compiled.params.length === 0)).toBe(true)
    expect(metadata.dropStatements().map((node) => dialect.compile(node).sql)).toEqual(['drop table if exists "post_tags"', 'drop table if exists "posts"', 'drop table if exists "users"'])
  })

  it('keeps a key with its own server default off identity', () => {
    const counters = new MetaData()
    counters.table('counters', { id: integer().primaryKey().serverDefault(1) })
    expect(dialect.compile(counters.createStatements()[0]).sql).toBe('create table if not exists "counters" ("id" integer primary key default 1)')
  })

  it('controls transactions in lower case with quoted savepoints', () => {
    const sql = dialect.transactionSql
    expect(sql.begin(undefined)).toEqual(['begin'])
    expect(sql.begin('READ COMMITTED')).toEqual(['begin isolation level read committed'])
    expect(sql.begin('SERIALIZABLE')).toEqual(['begin isolation level serializable'])
    expect([sql.commit, sql.rollback]).toEqual(['commit', 'rollback'])
    expect(sql.savepoint('sp "1"')).toBe('savepoint "sp ""1"""')
    expect(sql.releaseSavepoint('sp')).toBe('release savepoint "sp"')
    expect(sql.rollbackToSavepoint('sp')).toBe('rollback to savepoint "sp"')
  })
})
