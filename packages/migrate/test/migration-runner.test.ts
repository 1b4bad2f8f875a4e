import { integer, text, textColumn, varchar } from '@athanor/core'
import type { Engine } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { type ColumnChanges, type Migration, MigrationRunner, reflectSchemas } from '../src/index'

const VERSION_TABLE = 'mig_run_version'

const migrations: Migration[] = [
  {
    revision: 'a1',
    downRevision: null,
    message: 'create authors',
    up: (op) => op.createTable('mig_run_authors', { id: integer().primaryKey(), name: varchar(40).notNull() }),
    down: (op) => op.dropTable('mig_run_authors'),
  },
  {
    revision: 'b2',
    downRevision: 'a1',
    message: 'add bio',
    up: (op) => op.addColumn('mig_run_authors', 'bio', textColumn()),
    down: (op) => op.dropColumn('mig_run_authors', 'bio'),
  },
  {
    revision: 'c3',
    downRevision: 'a1',
    message: 'index name (a branch)',
    up: (op) => op.createIndex('ix_mig_run_authors_name', 'mig_run_authors', ['name']),
    down: (op) => op.dropIndex('ix_mig_run_authors_name', 'mig_run_authors'),
  },
  { revision: 'd4', downRevision: ['b2', 'c3'], message: 'merge', up: async () => undefined, down: async () => undefined },
]

async function tableNames(engine: Engine): Promise<string[]> {
  return (await reflectSchemas(engine)).map((schema) => schema.table.name).filter((name) => name.startsWith('mig_run_') || name.startsWith('mig_fail_'))
}

async function drop(engine: Engine, ...tables: string[]): Promise<void> {
  for (const table of tables) await engine.begin((connection) => connection.execute(text(`drop table if exists ${table}`)).then(() => undefined))
}

describeEachDialect('migration runner', {}, (context) => {
  const cleanup = () => drop(context.engine, 'mig_run_authors', 'mig_fail_things', VERSION_TABLE)
  beforeAll(cleanup)

  it('upgrades through a branch and its merge, then downgrades step by step and to base', async () => {
    const lines: string[] = []
    const runner = new MigrationRunner(context.engine, migrations, { versionTable: VERSION_TABLE, log: (line) => lines.push(line) })
    expect(runner.graph.heads()).toEqual(['d4'])
    expect(await runner.current()).toEqual([])
    await runner.upgrade('b2')
    expect(await runner.current()).toEqual(['b2'])
    await runner.upgrade('head')
    expect(await runner.current()).toEqual(['d4'])
    expect(lines.filter((line) => line.startsWith('Running upgrade'))).toHaveLength(4)
    const [authors] = await reflectSchemas(context.engine, { tables: ['mig_run_authors'] })
    expect(authors.columns.map((column) => column.name)).toEqual(['id', 'name', 'bio'])
    expect(authors.indexes.map((definition) => definition.name)).toEqual(['ix_mig_run_authors_name'])

    await runner.downgrade('-1')
    expect((await runner.current()).sort()).toEqual(['b2', 'c3'])
    await runner.downgrade('c3')
    expect(await runner.current()).toEqual(['c3'])
    const [afterDown] = await reflectSchemas(context.engine, { tables: ['mig_run_authors'] })
    expect(afterDown.columns.map((column) => column.name)).toEqual(['id', 'name'])
    await runner.downgrade('base')
    expect(await runner.current()).toEqual([])
    expect(await tableNames(context.engine)).toEqual([VERSION_TABLE].filter((name) => name.startsWith('mig_run_')))
  })

  it('prints the SQL of an upgrade without a database change', async () => {
    const runner = new MigrationRunner(context.engine, migrations.slice(0, 2), { versionTable: VERSION_TABLE })
    const statements = await runner.upgradeSql('head')
    expect(statements.some((line) => /create table .?mig_run_authors/i.test(line))).toBe(true)
    expect(statements.some((line) => /add column .?bio/i.test(line))).toBe(true)
    expect(await runner.current()).toEqual([])
  })

  it('prints the SQL of a downgrade (offline), newest revision first, without a database change', async () => {
    const runner = new MigrationRunner(context.engine, migrations.slice(0, 2), { versionTable: VERSION_TABLE })
    const statements = await runner.downgradeSql('head', 'base')
    const position = (pattern: RegExp) => statements.findIndex((line) => pattern.test(line))
    expect(statements[0]).toBe('-- Running downgrade b2 -> a1, add bio')
    expect(position(/drop column .?bio/i)).toBeGreaterThan(0)
    expect(position(new RegExp(`delete from ${VERSION_TABLE} where version_num = 'b2'`))).toBeGreaterThan(position(/drop column .?bio/i))
    expect(position(/^-- Running downgrade a1 -> <base>, create authors$/)).toBeGreaterThan(position(/version_num = 'b2'/))
    expect(position(/drop table .?mig_run_authors/i)).toBeGreaterThan(position(/-- Running downgrade a1/))
    expect(statements[statements.length - 1]).toBe(`delete from ${VERSION_TABLE} where version_num = 'a1'`)
    expect((await runner.downgradeSql('head', '-1')).filter((line) => line.startsWith('--'))).toEqual(['-- Running downgrade b2 -> a1, add bio'])
    expect((await runner.downgradeSql('b2', 'a1')).some((line) => /drop table/i.test(line))).toBe(false)
    expect(await runner.current()).toEqual([])
  })

  it('prints offline SQL for column changes; MySQL, which restates the column, needs its existing type', async () => {
    const alter = (changes: ColumnChanges): Migration[] => [
      migrations[0],
      { revision: 'e5', downRevision: 'a1', message: 'alter', up: (op) => op.alterColumn('mig_run_authors', 'name', changes), down: async () => undefined },
    ]
    const sqlOf = async (list: Migration[]) => (await new MigrationRunner(context.engine, list, { versionTable: VERSION_TABLE }).upgradeSql('head', 'a1')).join('\n')
    if (context.dialect === 'sqlite') {
      await expect(sqlOf(alter({ isNullable: true }))).rejects.toThrow(/rebuilds the table, which needs a live connection/)
      return
    }
    if (context.dialect === 'postgresql') {
      expect(await sqlOf(alter({ isNullable: true }))).toContain('alter table "mig_run_authors" alter column "name" drop not null')
      expect(await sqlOf(alter({ serverDefault: null }))).toContain('alter table "mig_run_authors" alter column "name" drop default')
      expect(await sqlOf(alter({ type: varchar(80).config.type }))).toContain('alter column "name" type varchar(80)')
      return
    }
    await expect(sqlOf(alter({ isNullable: true }))).rejects.toThrow(/restates the whole column: pass its type as alterColumn\(…, \{ existingType \}\)/)
    expect(await sqlOf(alter({ isNullable: true, existingType: varchar(40).config.type }))).toContain('alter table `mig_run_authors` modify column `name` varchar(40)')
  })

  const failing: Migration[] = [
    migrations[0],
    {
      revision: 'f9',
      downRevision: 'a1',
      message: 'fails halfway',
      up: async (op) => {
        await op.createTable('mig_fail_things', { id: integer().primaryKey() })
        await op.addColumn('mig_run_authors', 'nickname', varchar(20))
        await op.execute('select * from mig_no_such_table')
      },
      down: (op) => op.dropTable('mig_fail_things'),
    },
  ]

  // PostgreSQL and SQLite roll the whole migration back. MySQL and MariaDB commit every DDL
  // statement implicitly, so the statements before the failure stay applied; the runner says so
  // up front. Either way the version table is not advanced.
  // https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html
  it('does not advance the version table when a migration fails, and rolls its DDL back where the database can', async () => {
    const lines: string[] = []
    const runner = new MigrationRunner(context.engine, failing, { versionTable: VERSION_TABLE, log: (line) => lines.push(line) })
    await runner.upgrade('a1')
    const failure = runner.upgrade('head')
    await expect(failure).rejects.toThrow(/Migration f9 failed while running up\(\): .*mig_no_such_table/)
    await expect(failure).rejects.toMatchObject({ name: 'MigrateError', cause: expect.objectContaining({ name: 'ProgrammingError' }) })
    expect(await runner.current()).toEqual(['a1'])
    const isTransactional = context.engine.dialect.capabilities.transactionalDdl
    const warned = lines.some((line) => /commits DDL implicitly; a migration that fails halfway leaves its earlier statements applied/.test(line))
    expect(warned).toBe(!isTransactional)
    const [authors] = await reflectSchemas(context.engine, { tables: ['mig_run_authors'] })
    if (isTransactional) {
      expect(await tableNames(context.engine)).toEqual(['mig_run_authors', VERSION_TABLE])
      expect(authors.columns.map((column) => column.name)).toEqual(['id', 'name'])
    } else {
      // The CREATE TABLE and ADD COLUMN before the failing statement were committed.
      expect(await tableNames(context.engine)).toEqual(['mig_fail_things', 'mig_run_authors', VERSION_TABLE])
      expect(authors.columns.map((column) => column.name)).toEqual(['id', 'name', 'nickname'])
      await drop(context.engine, 'mig_fail_things')
    }
    await runner.downgrade('base')
  })

  // The last test cleans up (not afterAll: the harness disposes the engine in its own afterAll).
  it('cleans up', cleanup)
})
