import { integer, MetaData, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { runSql } from './support/migration-workspace'
import { autogenerate, MigrationRunner, newRevisionId, tableFilter } from '../src/index'

const VERSION_TABLE = 'mig_flt_version'

describe('tableFilter', () => {
  it('includes listed names and patterns, and lets exclusion win', () => {
    const owns = tableFilter({ includeTables: ['users', 'blog_*'], excludeTables: ['blog_legacy*'] })
    expect(['users', 'blog_posts', 'blog_legacy_posts', 'orders', 'users2'].filter(owns)).toEqual(['users', 'blog_posts'])
    expect(['a', 'b.c'].filter(tableFilter({}))).toEqual(['a', 'b.c'])
    expect(['b.c', 'bxc'].filter(tableFilter({ includeTables: ['b.c'] }))).toEqual(['b.c'])
  })
})

describeEachDialect('autogenerate with a table filter', {}, (context) => {
  const cleanup = async () => {
    for (const table of ['mig_flt_items', 'mig_flt_legacy', 'mig_flt_ignored_model', VERSION_TABLE]) await runSql(context.engine, `drop table if exists ${table}`)
  }
  beforeAll(async () => {
    await cleanup()
    await runSql(context.engine, 'create table mig_flt_legacy (id integer primary key)')
    // The runner's version table exists in the database and is never the model's business.
    await new MigrationRunner(context.engine, [], { versionTable: VERSION_TABLE }).current()
  })

  const metadata = new MetaData()
  metadata.table('mig_flt_items', { id: integer().primaryKey(), name: varchar(40) })
  metadata.table('mig_flt_ignored_model', { id: integer().primaryKey() })
  const diffWith = async (include: (table: string) => boolean) =>
    (await autogenerate(context.engine, metadata, { revision: newRevisionId(), downRevision: null, message: 'filter', include, ignoreTables: [VERSION_TABLE] })).diff.upLines.join('\n')

  it('leaves the tables it does not own alone, in the database and in the model', async () => {
    const owned = await diffWith(tableFilter({ includeTables: ['mig_flt_*'], excludeTables: ['mig_flt_legacy', 'mig_flt_ignored_*'] }))
    expect(owned).toContain("await op.createTable('mig_flt_items'")
    expect(owned).not.toContain('mig_flt_legacy')
    expect(owned).not.toContain('mig_flt_ignored_model')
    expect(owned).not.toContain(VERSION_TABLE)
    // Without the exclusion the unowned table would be dropped: the filter is what keeps it.
    const unfiltered = await diffWith(tableFilter({ includeTables: ['mig_flt_*'] }))
    expect(unfiltered).toContain("await op.dropTable('mig_flt_legacy')")
    expect(unfiltered).toContain("await op.createTable('mig_flt_ignored_model'")
    expect(unfiltered).not.toContain(VERSION_TABLE)
  })

  it('cleans up', cleanup)
})
