import { join } from 'node:path'
import { boolean, type Engine, index, integer, MetaData, textColumn, timestamp, varchar, func } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { migrationWorkspace, runSql } from './support/migration-workspace'
import { reflectSchemas, comparableTable } from '../src/index'

const PREFIX = 'mig_ag_'
const VERSION_TABLE = 'mig_ag_version'

function blogModel(changed: boolean): MetaData {
  const metadata = new MetaData()
  const users = metadata.table('mig_ag_users', {
    id: integer().primaryKey(),
    name: varchar(50).notNull(),
    email: varchar(100).notNull().unique(),
    bio: textColumn(),
  })
  metadata.table('mig_ag_posts', {
    id: integer().primaryKey(),
    authorId: integer().notNull().references(() => users.c.id, { onDelete: 'cascade' }),
    // The model change lets title be NULL (on SQLite this rebuilds posts; see parent-table-rebuild.test.ts).
    title: changed ? varchar(200) : varchar(200).notNull(),
    isPublished: boolean().notNull().serverDefault(false),
    createdAt: timestamp().notNull().serverDefault(func.now()),
    ...(changed ? { views: integer().notNull().serverDefault(0) } : {}),
  }, (t) => (changed ? [index('ix_mig_ag_posts_title').on(t.title)] : []))
  if (!changed) metadata.table('mig_ag_drafts', { id: integer().primaryKey(), body: textColumn() })
  return metadata
}


async function liveTables(engine: Engine): Promise<ReturnType<typeof comparableTable>[]> {
  const names = (await reflectSchemas(engine)).map((schema) => schema.table.name).filter((name) => name.startsWith(PREFIX) && name !== VERSION_TABLE)
  return names.length === 0 ? [] : (await reflectSchemas(engine, { tables: names })).map(comparableTable)
}

describeEachDialect('autogenerate', {}, (context) => {
  // Inside the repository, so that migration files resolve @athanor/core when required.
  const directory = join(__dirname, `.tmp-autogenerate-${context.dialect}`)
  const workspace = migrationWorkspace({ context, directory, prefix: PREFIX, versionTable: VERSION_TABLE, tables: ['mig_ag_posts', 'mig_ag_drafts', 'mig_ag_users'] })
  const { cleanUp: cleanup, runner, write } = workspace
  beforeAll(() => workspace.setUp())

  it('builds the blog schema from empty, finds no difference after, applies a model change and reverts it with rows kept', async () => {
    const first = await write(blogModel(false), null, 'blog schema')
    expect(first.diff.isEmpty).toBe(false)
    await runner().upgrade('head')
    expect(await runner().current()).toEqual([first.revision])
    expect(await liveTables(context.engine)).toEqual(blogModel(false).sortedTables().map((table) => comparableTable(table.toSchema())).sort((a, b) => a.name.localeCompare(b.name)))

    const second = await write(blogModel(false), first.revision, 'nothing')
    expect(second.diff.upLines).toEqual([])

    await runSql(context.engine, "insert into mig_ag_users (id, name, email, bio) values (1, 'ada', 'ada@example.com', 'math')")
    await runSql(context.engine, "insert into mig_ag_posts (id, author_id, title) values (1, 1, 'hello')")
    const before = await liveTables(context.engine)

    const change = await write(blogModel(true), first.revision, 'model change')
    expect(change.source).toContain("op.addColumn('mig_ag_posts', 'views'")
    expect(change.source).toContain("op.createIndex('ix_mig_ag_posts_title'")
    expect(change.source).toContain("op.dropTable('mig_ag_drafts')")
    expect(change.source).toContain("op.alterColumn('mig_ag_posts', 'title', { isNullable: true })")
    await runner().upgrade('head')
    expect(await runner().current()).toEqual([change.revision])
    const afterUpgrade = await liveTables(context.engine)
    expect(afterUpgrade).toEqual(blogModel(true).sortedTables().map((table) => comparableTable(table.toSchema())).sort((a, b) => a.name.localeCompare(b.name)))
    expect((await write(blogModel(true), change.revision, 'nothing')).diff.upLines).toEqual([])

    await runner().downgrade('-1')
    expect(await runner().current()).toEqual([first.revision])
    expect(await liveTables(context.engine)).toEqual(before)
    const rows = await runSql(context.engine, 'select u.name, p.title from mig_ag_users u join mig_ag_posts p on p.author_id = u.id')
    expect(rows).toEqual([{ name: 'ada', title: 'hello' }])
  })

  it('cleans up', cleanup)
})
