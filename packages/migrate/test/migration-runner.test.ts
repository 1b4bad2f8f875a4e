import { integer, text, textColumn, varchar } from '@athanor/core'
import type { Engine } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { type Migration, MigrationRunner, reflectSchemas } from '../src/index'

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

  it('leaves schema and version table unchanged when a migration fails (transactional DDL)', async () => {
    if (!context.engine.dialect.capabilities.transactionalDdl) return
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
    const runner = new MigrationRunner(context.engine, failing, { versionTable: VERSION_TABLE })
    await runner.upgrade('a1')
    await expect(runner.upgrade('head')).rejects.toThrow(/Migration f9 failed while running up/)
    expect(await runner.current()).toEqual(['a1'])
    expect(await tableNames(context.engine)).toEqual(['mig_run_authors', VERSION_TABLE])
    const [authors] = await reflectSchemas(context.engine, { tables: ['mig_run_authors'] })
    expect(authors.columns.map((column) => column.name)).toEqual(['id', 'name'])
    await runner.downgrade('base')
  })

  // The last test cleans up (not afterAll: the harness disposes the engine in its own afterAll).
  it('cleans up', cleanup)
})
