import { boolean, check, date, double, index, integer, MetaData, numeric, sql, textColumn, timestamp, unique, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { comparableTable, reflect, reflectSchemas } from '../src/index'

const metadata = new MetaData()
const authors = metadata.table('mig_refl_authors', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull().unique(),
  age: integer(),
  isActive: boolean().notNull().serverDefault(true),
}, (t) => [check('mig_refl_age_ok', t.age.ge(0))])
const posts = metadata.table('mig_refl_posts', {
  id: integer().primaryKey(),
  authorId: integer().notNull().references(() => authors.c.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  body: textColumn(),
  rating: double(),
  price: numeric(10, 2),
  publishedOn: date(),
  createdAt: timestamp().notNull().serverDefault(sql`CURRENT_TIMESTAMP`),
}, (t) => [index('ix_mig_refl_posts_title').on(t.title), unique('uq_mig_refl_posts_author_title').on(t.authorId, t.title)])
const tags = metadata.table('mig_refl_post_tags', {
  postId: integer().notNull().references(() => posts.c.id),
  tag: varchar(30).notNull(),
}, (t) => [check(undefined, t.tag.ne(''))])

describeEachDialect('reflection', { metadata }, (context) => {
  it('reads back what createAll wrote, for every table', async () => {
    const schemas = await reflectSchemas(context.engine, { tables: ['mig_refl_post_tags'] })
    expect(schemas.map((schema) => schema.table.name)).toEqual(['mig_refl_authors', 'mig_refl_post_tags', 'mig_refl_posts'])
    const byName = new Map(schemas.map((schema) => [schema.table.name, schema]))
    for (const table of [authors, posts, tags]) {
      expect(comparableTable(byName.get(table.name)!)).toEqual(comparableTable(table.toSchema()))
    }
  })

  it('reads autoincrement, checks and named constraints', async () => {
    const [authorSchema] = await reflectSchemas(context.engine, { tables: ['mig_refl_authors'] })
    expect(authorSchema.columns.find((column) => column.name === 'id')?.isAutoincrement).toBe(true)
    expect(authorSchema.checks.map((constraint) => constraint.name)).toContain('mig_refl_age_ok')
    const postSchema = (await reflectSchemas(context.engine, { tables: ['mig_refl_posts'] })).find((schema) => schema.table.name === 'mig_refl_posts')!
    expect(postSchema.indexes).toEqual([{ name: 'ix_mig_refl_posts_title', columns: ['title'], isUnique: false }])
  })

  it('builds a MetaData whose tables can be queried and re-created', async () => {
    const reflected = await reflect(context.engine, { tables: ['mig_refl_posts'] })
    expect(reflected.tables.map((table) => table.name).sort()).toEqual(['mig_refl_authors', 'mig_refl_posts'])
    const reflectedPosts = reflected.tables.find((table) => table.name === 'mig_refl_posts')!
    expect(comparableTable(reflectedPosts.toSchema())).toEqual(comparableTable(posts.toSchema()))
    expect(reflectedPosts.primaryKey.map((column) => column.name)).toEqual(['id'])
  })
})
