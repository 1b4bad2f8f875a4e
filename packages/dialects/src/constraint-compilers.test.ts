import { addConstraintNode, dropConstraintNode, rawSqlNode, type StatementNode, tableNode, UnsupportedFeatureError } from '@athanor/core'
import { MysqlDialect } from './mysql/mysql-dialect'
import { PostgresDialect } from './postgresql/postgresql-dialect'
import { parseConstraintNames } from './sqlite/sqlite-inspector'
import { SqliteDialect } from './sqlite/sqlite-dialect'

const dialects = { postgres: new PostgresDialect(), mysql: new MysqlDialect({ flavour: 'mariadb' }), sqlite: new SqliteDialect() }

function expectDdl(node: StatementNode, expected: { postgres: string; mysql: string }): void {
  expect(dialects.postgres.compile(node).sql).toBe(expected.postgres)
  expect(dialects.mysql.compile(node).sql).toBe(expected.mysql)
  // SQLite cannot add or drop a constraint of an existing table: migrations rebuild the table.
  expect(() => dialects.sqlite.compile(node)).toThrow(UnsupportedFeatureError)
}

const posts = tableNode('posts')

describe('ADD CONSTRAINT and DROP CONSTRAINT', () => {
  it('adds a named foreign key with its actions', () => {
    const foreignKey = { name: 'fk_posts_author', columns: ['author_id'], referencedTable: tableNode('users'), referencedColumns: ['id'], onDelete: 'cascade' as const, onUpdate: undefined }
    expectDdl(addConstraintNode(posts, { type: 'foreignKey', foreignKey }), {
      postgres: 'alter table "posts" add constraint "fk_posts_author" foreign key ("author_id") references "users" ("id") on delete cascade',
      mysql: 'alter table `posts` add constraint `fk_posts_author` foreign key (`author_id`) references `users` (`id`) on delete cascade',
    })
  })

  it('adds unique and check constraints', () => {
    expectDdl(addConstraintNode(posts, { type: 'unique', unique: { name: 'uq_posts_slug', columns: ['slug', 'author_id'] } }), {
      postgres: 'alter table "posts" add constraint "uq_posts_slug" unique ("slug", "author_id")',
      mysql: 'alter table `posts` add constraint `uq_posts_slug` unique (`slug`, `author_id`)',
    })
    expectDdl(addConstraintNode(posts, { type: 'check', check: { name: 'ck_posts_views', condition: rawSqlNode(['views >= 0'], []) } }), {
      postgres: 'alter table "posts" add constraint "ck_posts_views" check (views >= 0)',
      mysql: 'alter table `posts` add constraint `ck_posts_views` check (views >= 0)',
    })
  })

  it('drops a constraint: one spelling on PostgreSQL, one per type on MySQL', () => {
    expectDdl(dropConstraintNode(posts, 'fk_posts_author', 'foreignKey'), {
      postgres: 'alter table "posts" drop constraint "fk_posts_author"',
      mysql: 'alter table `posts` drop foreign key `fk_posts_author`',
    })
    expectDdl(dropConstraintNode(posts, 'uq_posts_slug', 'unique'), {
      postgres: 'alter table "posts" drop constraint "uq_posts_slug"',
      mysql: 'alter table `posts` drop index `uq_posts_slug`',
    })
    expectDdl(dropConstraintNode(posts, 'ck_posts_views', 'check'), {
      postgres: 'alter table "posts" drop constraint "ck_posts_views"',
      mysql: 'alter table `posts` drop constraint `ck_posts_views`',
    })
  })

  it('reads SQLite constraint names back from the CREATE TABLE text', () => {
    const createSql = 'create table "posts" ("id" integer primary key, "slug" text, "author_id" integer, constraint "uq_posts_slug" unique ("slug", "author_id"), constraint `fk a` foreign key ("author_id") references "users" ("id"), check (id > 0))'
    expect(parseConstraintNames(createSql)).toEqual([
      { type: 'unique', name: 'uq_posts_slug', columns: ['slug', 'author_id'] },
      { type: 'foreign key', name: 'fk a', columns: ['author_id'] },
    ])
  })
})
