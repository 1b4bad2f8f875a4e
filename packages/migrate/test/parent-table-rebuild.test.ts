import { type Engine, integer, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { runSql } from './support/migration-workspace'
import { type Migration, MigrationRunner, ref } from '../src/index'

const VERSION_TABLE = 'mig_par_version'


const ids = async (engine: Engine, table: string) => (await runSql(engine, `select id from ${table} order by id`)).map((row) => Number(row.id))

const migrations: Migration[] = [
  {
    revision: 'p1',
    downRevision: null,
    message: 'parents and children',
    up: async (op) => {
      await op.createTable('mig_par_parents', { id: integer().primaryKey(), name: varchar(40) })
      await op.createTable('mig_par_children', { id: integer().primaryKey(), parentId: integer().notNull().references(ref('mig_par_parents', 'id'), { onDelete: 'cascade' }) })
      await op.createTable('mig_par_pets', { id: integer().primaryKey(), parentId: integer().references(ref('mig_par_parents', 'id')) })
      await op.execute("insert into mig_par_parents (id, name) values (1, 'ada'), (2, 'grace')")
      await op.execute('insert into mig_par_children (id, parent_id) values (10, 1), (11, 1), (12, 2)')
      await op.execute('insert into mig_par_pets (id, parent_id) values (20, 2)')
    },
    down: async (op) => {
      for (const table of ['mig_par_pets', 'mig_par_children', 'mig_par_parents']) await op.dropTable(table)
    },
  },
  {
    revision: 'p2',
    downRevision: 'p1',
    message: 'change the parent table',
    // On SQLite each of these rebuilds mig_par_parents: new table, copy, DROP the old one, rename.
    up: async (op) => {
      await op.alterColumn('mig_par_parents', 'name', { isNullable: false, type: varchar(80).config.type })
      await op.createUniqueConstraint('uq_mig_par_parents_name', 'mig_par_parents', ['name'])
    },
    down: async (op) => {
      await op.dropConstraint('uq_mig_par_parents_name', 'mig_par_parents', { type: 'unique' })
      await op.alterColumn('mig_par_parents', 'name', { isNullable: true, type: varchar(40).config.type })
    },
  },
]

describeEachDialect('rebuilding a parent table', {}, (context) => {
  const cleanup = async () => {
    for (const table of ['mig_par_pets', 'mig_par_children', 'mig_par_parents', VERSION_TABLE]) await runSql(context.engine, `drop table if exists ${table}`)
  }
  beforeAll(cleanup)
  const runner = (list = migrations) => new MigrationRunner(context.engine, list, { versionTable: VERSION_TABLE })

  it('keeps the rows of children with ON DELETE CASCADE when the parent table changes shape, and back', async () => {
    await runner().upgrade('head')
    expect(await ids(context.engine, 'mig_par_parents')).toEqual([1, 2])
    expect(await ids(context.engine, 'mig_par_children')).toEqual([10, 11, 12])
    expect(await ids(context.engine, 'mig_par_pets')).toEqual([20])
    await runner().downgrade('p1')
    expect(await ids(context.engine, 'mig_par_children')).toEqual([10, 11, 12])
    expect(await ids(context.engine, 'mig_par_pets')).toEqual([20])
  })

  it('still enforces foreign keys after a migration: the cascade fires on an ordinary delete', async () => {
    await runSql(context.engine, 'delete from mig_par_parents where id = 1')
    expect(await ids(context.engine, 'mig_par_children')).toEqual([12])
    await runSql(context.engine, "insert into mig_par_parents (id, name) values (1, 'ada')")
    await runSql(context.engine, 'insert into mig_par_children (id, parent_id) values (10, 1), (11, 1)')
  })

  it('fails, and changes nothing, when a migration leaves a broken reference', async () => {
    const breaking: Migration[] = [
      ...migrations,
      {
        revision: 'p3',
        downRevision: 'p2',
        message: 'orphans a pet',
        up: async (op) => {
          await op.alterColumn('mig_par_parents', 'name', { isNullable: true })
          // mig_par_pets declares no ON DELETE action: this delete leaves pet 20 pointing nowhere.
          await op.execute('delete from mig_par_parents where id = 2')
        },
        down: async () => undefined,
      },
    ]
    await runner(breaking).upgrade('p2')
    await expect(runner(breaking).upgrade('head')).rejects.toThrow(/Migration p3 failed while running up/)
    expect(await runner(breaking).current()).toEqual(['p2'])
    expect(await ids(context.engine, 'mig_par_parents')).toEqual([1, 2])
    expect(await ids(context.engine, 'mig_par_pets')).toEqual([20])
    await runner(breaking).downgrade('base')
  })

  it('cleans up', cleanup)
})
