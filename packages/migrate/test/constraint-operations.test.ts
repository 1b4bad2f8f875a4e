import { type Engine, IntegrityError, integer, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { runSql } from './support/migration-workspace'
import { type Migration, MigrationRunner, reflectSchemas } from '../src/index'

const VERSION_TABLE = 'mig_con_version'
const TABLES = ['mig_con_books', 'mig_con_authors', VERSION_TABLE]


async function books(engine: Engine) {
  return (await reflectSchemas(engine, { tables: ['mig_con_books'] })).find((schema) => schema.table.name === 'mig_con_books')!
}

const migrations: Migration[] = [
  {
    revision: 'c1',
    downRevision: null,
    message: 'tables',
    up: async (op) => {
      await op.createTable('mig_con_authors', { id: integer().primaryKey(), name: varchar(40).notNull() })
      await op.createTable('mig_con_books', { id: integer().primaryKey(), authorId: integer(), isbn: varchar(20), pages: integer() })
      await op.execute("insert into mig_con_authors (id, name) values (1, 'ada'), (2, 'grace')")
      await op.execute("insert into mig_con_books (id, author_id, isbn, pages) values (1, 1, 'a-1', 100), (2, 2, 'b-2', 200)")
    },
    down: async (op) => {
      await op.dropTable('mig_con_books')
      await op.dropTable('mig_con_authors')
    },
  },
  {
    revision: 'c2',
    downRevision: 'c1',
    message: 'constraints',
    up: async (op) => {
      await op.createForeignKey('fk_mig_con_books_author', 'mig_con_books', ['author_id'], 'mig_con_authors', ['id'], { onDelete: 'cascade' })
      await op.createUniqueConstraint('uq_mig_con_books_isbn', 'mig_con_books', ['isbn'])
      await op.createCheckConstraint('ck_mig_con_books_pages', 'mig_con_books', 'pages > 0')
    },
    down: async (op) => {
      await op.dropConstraint('ck_mig_con_books_pages', 'mig_con_books', { type: 'check' })
      await op.dropConstraint('uq_mig_con_books_isbn', 'mig_con_books', { type: 'unique' })
      await op.dropConstraint('fk_mig_con_books_author', 'mig_con_books', { type: 'foreignKey' })
    },
  },
]

describeEachDialect('constraint operations', {}, (context) => {
  const cleanup = async () => {
    for (const table of TABLES) await runSql(context.engine, `drop table if exists ${table}`)
  }
  beforeAll(cleanup)
  const runner = () => new MigrationRunner(context.engine, migrations, { versionTable: VERSION_TABLE })

  it('adds a foreign key, a unique and a check constraint to a table with rows, and drops them again', async () => {
    await runner().upgrade('head')
    const schema = await books(context.engine)
    expect(schema.foreignKeys.map((fk) => [fk.name, fk.columns, fk.referencedTable.name, fk.referencedColumns, fk.onDelete])).toEqual([['fk_mig_con_books_author', ['author_id'], 'mig_con_authors', ['id'], 'cascade']])
    expect(schema.uniques).toEqual([{ name: 'uq_mig_con_books_isbn', columns: ['isbn'] }])
    expect(schema.checks.map((check) => check.name)).toEqual(['ck_mig_con_books_pages'])
    expect(schema.indexes).toEqual([])
    expect((await runSql(context.engine, 'select id from mig_con_books order by id')).map((row) => Number(row.id))).toEqual([1, 2])

    // The constraints are enforced.
    await expect(runSql(context.engine, "insert into mig_con_books (id, author_id, isbn, pages) values (3, 1, 'a-1', 10)")).rejects.toThrow(IntegrityError)
    await expect(runSql(context.engine, "insert into mig_con_books (id, author_id, isbn, pages) values (3, 1, 'c-3', 0)")).rejects.toThrow(IntegrityError)
    await expect(runSql(context.engine, "insert into mig_con_books (id, author_id, isbn, pages) values (3, 9, 'c-3', 10)")).rejects.toThrow(IntegrityError)

    await runner().downgrade('c1')
    const dropped = await books(context.engine)
    expect([dropped.foreignKeys, dropped.uniques, dropped.checks, dropped.indexes]).toEqual([[], [], [], []])
    await runSql(context.engine, "insert into mig_con_books (id, author_id, isbn, pages) values (3, 9, 'a-1', 0)")
    expect((await runSql(context.engine, 'select id from mig_con_books order by id')).map((row) => Number(row.id))).toEqual([1, 2, 3])
    await runSql(context.engine, 'delete from mig_con_books where id = 3')
  })

  it('prints the constraint DDL offline, except where SQLite must rebuild the table', async () => {
    const offline = runner()
    if (context.dialect === 'sqlite') {
      await expect(offline.upgradeSql('head', 'c1')).rejects.toThrow(/rebuilds the table, which needs a live connection/)
      await expect(offline.downgradeSql('head', 'c1')).rejects.toThrow(/rebuilds the table, which needs a live connection/)
      return
    }
    const up = (await offline.upgradeSql('head', 'c1')).join('\n')
    expect(up).toMatch(/alter table .mig_con_books. add constraint .fk_mig_con_books_author. foreign key \(.author_id.\) references .mig_con_authors. \(.id.\) on delete cascade/)
    expect(up).toMatch(/add constraint .uq_mig_con_books_isbn. unique \(.isbn.\)/)
    expect(up).toMatch(/add constraint .ck_mig_con_books_pages. check \(pages > 0\)/)
    const down = (await offline.downgradeSql('head', 'c1')).join('\n')
    expect(down).toMatch(context.dialect === 'mysql' ? /drop foreign key `fk_mig_con_books_author`/ : /drop constraint "fk_mig_con_books_author"/)
    expect(down).toMatch(context.dialect === 'mysql' ? /drop index `uq_mig_con_books_isbn`/ : /drop constraint "uq_mig_con_books_isbn"/)
    expect(down).toMatch(/drop constraint .ck_mig_con_books_pages./)
  })

  it('refuses to drop a constraint the table does not have', async () => {
    const failing: Migration[] = [...migrations.slice(0, 1), { revision: 'c9', downRevision: 'c1', message: 'bad', up: (op) => op.dropConstraint('no_such_fk', 'mig_con_books', { type: 'foreignKey' }), down: async () => undefined }]
    const bad = new MigrationRunner(context.engine, failing, { versionTable: VERSION_TABLE })
    await expect(bad.upgrade('head')).rejects.toThrow(/Migration c9 failed/)
    expect(await bad.current()).toEqual(['c1'])
  })

  it('cleans up', cleanup)
})
