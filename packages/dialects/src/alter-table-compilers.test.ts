import { addColumnNode, alterColumnNode, type ColumnSchema, dropColumnNode, dropIndexNode, renameColumnNode, renameTableNode, sqlType, type StatementNode, tableNode, UnsupportedFeatureError, rawSqlNode } from '@athanor/core'
import { MysqlDialect } from './mysql/mysql-dialect'
import { PostgresDialect } from './postgresql/postgresql-dialect'
import { SqliteDialect } from './sqlite/sqlite-dialect'

const dialects = { postgres: new PostgresDialect(), mysql: new MysqlDialect({ flavour: 'mariadb' }), sqlite: new SqliteDialect() }

function expectDdl(node: StatementNode, expected: { postgres: string; mysql: string; sqlite: string | typeof UnsupportedFeatureError }): void {
  for (const [name, dialect] of Object.entries(dialects) as [keyof typeof dialects, (typeof dialects)[keyof typeof dialects]][]) {
    const wanted = expected[name]
    if (typeof wanted === 'string') expect([name, dialect.compile(node).sql]).toEqual([name, wanted])
    else expect(() => dialect.compile(node)).toThrow(wanted)
  }
}

const posts = tableNode('posts')
const title: ColumnSchema = { name: 'title', type: sqlType('varchar', { length: 50 }), isNullable: true, isAutoincrement: false, serverDefault: undefined }

describe('ALTER TABLE statements', () => {
  it('adds a column with its type, nullability and default', () => {
    expectDdl(addColumnNode(posts, { ...title, isNullable: false, serverDefault: rawSqlNode(["'x'"], []) }), {
      postgres: `alter table "posts" add column "title" varchar(50) not null default ('x')`,
      mysql: "alter table `posts` add column `title` varchar(50) not null default ('x')",
      sqlite: `alter table "posts" add column "title" varchar(50) not null default ('x')`,
    })
  })

  it('alters a column: ALTER COLUMN clauses, MODIFY on MySQL, a rebuild on SQLite', () => {
    expectDdl(alterColumnNode(posts, title, { ...title, type: sqlType('varchar', { length: 120 }), isNullable: false }), {
      postgres: 'alter table "posts" alter column "title" type varchar(120), alter column "title" set not null',
      mysql: 'alter table `posts` modify column `title` varchar(120) not null',
      sqlite: UnsupportedFeatureError,
    })
  })

  it('drops and renames columns and tables, and drops indexes', () => {
    expectDdl(dropColumnNode(posts, 'title'), { postgres: 'alter table "posts" drop column "title"', mysql: 'alter table `posts` drop column `title`', sqlite: 'alter table "posts" drop column "title"' })
    expectDdl(renameColumnNode(posts, 'title', 'heading'), {
      postgres: 'alter table "posts" rename column "title" to "heading"',
      mysql: 'alter table `posts` rename column `title` to `heading`',
      sqlite: 'alter table "posts" rename column "title" to "heading"',
    })
    expectDdl(renameTableNode(posts, 'articles'), { postgres: 'alter table "posts" rename to "articles"', mysql: 'alter table `posts` rename to `articles`', sqlite: 'alter table "posts" rename to "articles"' })
    expectDdl(dropIndexNode(posts, 'ix_title'), { postgres: 'drop index "ix_title"', mysql: 'drop index `ix_title` on `posts`', sqlite: 'drop index "ix_title"' })
  })
})
