import { join } from 'node:path'
import { boolean, check, func, integer, IntegrityError, MetaData, numeric, sql, timestamp, unique, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { migrationWorkspace, runSql } from './support/migration-workspace'
import { comparableTable, reflectSchemas } from '../src/index'

const PREFIX = 'mig_agc_'
const VERSION_TABLE = 'mig_agc_version'

/** A schema with foreign keys, unique and check constraints and server defaults; `changed` alters each kind. */
function model(changed: boolean): MetaData {
  const metadata = new MetaData()
  const authors = metadata.table('mig_agc_authors', {
    id: integer().primaryKey(),
    email: varchar(100).notNull().unique(),
    handle: varchar(30).notNull(),
    karma: integer().notNull().serverDefault(changed ? 10 : 0),
    status: changed ? varchar(20).notNull() : varchar(20).notNull().serverDefault('active'),
    joinedAt: timestamp().notNull().serverDefault(func.now()),
    isAdmin: boolean().notNull().serverDefault(false),
  }, (t) => [
    check('ck_mig_agc_authors_karma', t.karma.ge(0)),
    ...(changed ? [check('ck_mig_agc_authors_handle', t.handle.ne(''))] : [unique('uq_mig_agc_authors_handle').on(t.handle)]),
  ])
  metadata.table('mig_agc_posts', {
    id: integer().primaryKey(),
    authorId: changed ? integer().notNull() : integer().notNull().references(() => authors.c.id, { onDelete: 'cascade', name: 'fk_mig_agc_posts_author' }),
    editorId: integer().references(() => authors.c.id),
    title: varchar(200).notNull(),
    rating: numeric(3, 1).serverDefault(sql`2.5`),
    slug: changed ? varchar(50).serverDefault('untitled') : varchar(50),
    ...(changed ? { reviewerId: integer().references(() => authors.c.id, { onDelete: 'set null' }) } : {}),
  }, (t) => [
    unique('uq_mig_agc_posts_author_slug').on(t.authorId, t.slug),
    ...(changed ? [unique('uq_mig_agc_posts_title').on(t.title)] : [check('ck_mig_agc_posts_title', t.title.ne(''))]),
  ])
  return metadata
}


describeEachDialect('autogenerate: constraints and server defaults', {}, (context) => {
  const directory = join(__dirname, `.tmp-autogenerate-constraints-${context.dialect}`)
  const workspace = migrationWorkspace({ context, directory, prefix: PREFIX, versionTable: VERSION_TABLE, tables: ['mig_agc_posts', 'mig_agc_authors'] })
  const { cleanUp: cleanup, runner, write } = workspace
  beforeAll(() => workspace.setUp())
  const live = async () => (await reflectSchemas(context.engine, { tables: ['mig_agc_authors', 'mig_agc_posts'] })).map(comparableTable)

  it('finds no difference on an unchanged schema with foreign keys, uniques, checks and defaults', async () => {
    const first = await write(model(false), null, 'constraints')
    expect(first.source).toContain("check('ck_mig_agc_posts_title', sql<boolean>`")
    await runner().upgrade('head')
    const again = await write(model(false), first.revision, 'nothing')
    expect(again.diff.upLines).toEqual([])
    expect(again.diff.isEmpty).toBe(true)
  })

  it('writes constraint and default changes that apply, and a downgrade that restores them with rows kept', async () => {
    const [base] = await runner().current()
    await runSql(context.engine, "insert into mig_agc_authors (id, email, handle) values (1, 'ada@example.com', 'ada')")
    await runSql(context.engine, "insert into mig_agc_posts (id, author_id, title, slug) values (1, 1, 'hello', 'hello')")
    const before = await live()

    const change = await write(model(true), base, 'constraint changes')
    const up = change.diff.upLines.join('\n')
    expect(up).toContain("await op.dropConstraint('fk_mig_agc_posts_author', 'mig_agc_posts', { type: 'foreignKey' })")
    expect(up).toContain("await op.createForeignKey('fk_mig_agc_posts_reviewer_id_mig_agc_authors', 'mig_agc_posts', ['reviewer_id'], 'mig_agc_authors', ['id'], { onDelete: 'set null' })")
    expect(up).toContain("await op.dropConstraint('uq_mig_agc_authors_handle', 'mig_agc_authors', { type: 'unique' })")
    expect(up).toContain("await op.createUniqueConstraint('uq_mig_agc_posts_title', 'mig_agc_posts', ['title'])")
    expect(up).toContain("await op.dropConstraint('ck_mig_agc_posts_title', 'mig_agc_posts', { type: 'check' })")
    expect(up).toMatch(/await op\.createCheckConstraint\('ck_mig_agc_authors_handle', 'mig_agc_authors', ".*handle.*<> ''"\)/)
    expect(up).toContain("await op.alterColumn('mig_agc_authors', 'karma', { serverDefault: 10 })")
    expect(up).toContain("await op.alterColumn('mig_agc_authors', 'status', { serverDefault: null })")
    expect(up).toContain("await op.alterColumn('mig_agc_posts', 'slug', { serverDefault: \"untitled\" })")
    // The foreign key is dropped before, and added after, every other change.
    expect(change.diff.upLines[0]).toContain("dropConstraint('fk_mig_agc_posts_author'")
    expect(change.diff.upLines[change.diff.upLines.length - 1]).toContain('createForeignKey(')

    await runner().upgrade('head')
    expect(await live()).toEqual(model(true).sortedTables().map((table) => comparableTable(table.toSchema())).sort((a, b) => a.name.localeCompare(b.name)))
    expect((await write(model(true), change.revision, 'nothing')).diff.upLines).toEqual([])
    // The new defaults are the database's: status has none any more, karma's is 10.
    await expect(runSql(context.engine, "insert into mig_agc_authors (id, email, handle) values (2, 'grace@example.com', 'grace')")).rejects.toThrow(IntegrityError)
    await runSql(context.engine, "insert into mig_agc_authors (id, email, handle, status) values (2, 'grace@example.com', 'grace', 'new')")
    const [author] = await runSql(context.engine, 'select karma from mig_agc_authors where id = 2')
    expect(Number(author.karma)).toBe(10)

    await runSql(context.engine, 'delete from mig_agc_authors where id = 2')
    await runner().downgrade('-1')
    expect(await live()).toEqual(before)
    expect((await write(model(false), base, 'nothing')).diff.upLines).toEqual([])
    const rows = await runSql(context.engine, 'select a.handle, p.title from mig_agc_authors a join mig_agc_posts p on p.author_id = a.id')
    expect(rows).toEqual([{ handle: 'ada', title: 'hello' }])
    await runner().downgrade('base')
  })

  it('cleans up', cleanup)
})
