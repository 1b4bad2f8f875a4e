import { MetaData, exists, func, insert, integer, notExists, select, timestamp, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const authors = metadata.table('sf_sub_authors', { id: integer().primaryKey(), name: varchar(30).notNull() })
const posts = metadata.table('sf_sub_posts', {
  id: integer().primaryKey(),
  authorId: integer().notNull(),
  title: varchar(60).notNull(),
  views: integer().notNull(),
  publishedAt: timestamp().notNull(),
})

const at = (day: number): Date => new Date(Date.UTC(2024, 0, day, 12, 0, 0))

describeEachDialect('subqueries: derived tables, scalar, correlated, EXISTS and IN', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(authors).values([
          { id: 1, name: 'Ada' },
          { id: 2, name: 'Brian' },
          { id: 3, name: 'Carol' },
        ]),
      )
      await connection.execute(
        insert(posts).values([
          { id: 1, authorId: 1, title: 'Engines', views: 120, publishedAt: at(3) },
          { id: 2, authorId: 1, title: 'Notes', views: 30, publishedAt: at(9) },
          { id: 3, authorId: 1, title: 'Tables', views: 10, publishedAt: at(5) },
          { id: 4, authorId: 3, title: 'Patterns', views: 200, publishedAt: at(7) },
        ]),
      )
    })
  })

  it('joins a grouped subquery through its typed columns', async () => {
    const totals = select({ authorId: posts.c.authorId, total: func.sum(posts.c.views) }).groupBy(posts.c.authorId).subquery('totals')
    const statement = select(authors.c.name, totals.c.total).join(totals, totals.c.authorId.eq(authors.c.id)).where(totals.c.total.gt(100)).orderBy(authors.c.name)
    expect(await readRows(db.engine, statement)).toEqual([
      { name: 'Ada', total: 160 },
      { name: 'Carol', total: 200 },
    ])
  })

  it('selects from a subquery alone', async () => {
    const popular = select(posts.c.id, posts.c.title).where(posts.c.views.ge(100)).subquery('popular')
    expect(await readRows(db.engine, select(popular).orderBy(popular.c.id))).toEqual([
      { id: 1, title: 'Engines' },
      { id: 4, title: 'Patterns' },
    ])
  })

  it('puts a correlated scalar subquery in the select list: each author with their latest post date', async () => {
    const latest = select({ latest: func.max(posts.c.publishedAt) }).where(posts.c.authorId.eq(authors.c.id)).scalarSubquery()
    const postCount = select({ n: func.count() }).from(posts).where(posts.c.authorId.eq(authors.c.id)).scalarSubquery()
    const statement = select(authors.c.name, latest.label('latest'), postCount.label('postCount')).orderBy(authors.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { name: 'Ada', latest: at(9), postCount: 3 },
      { name: 'Brian', latest: null, postCount: 0 },
      { name: 'Carol', latest: at(7), postCount: 1 },
    ])
  })

  it('compares with an uncorrelated scalar subquery in WHERE', async () => {
    const average = select({ average: func.avg(posts.c.views) }).scalarSubquery()
    expect(await readRows(db.engine, select(posts.c.title).where(posts.c.views.gt(average)).orderBy(posts.c.id))).toEqual([{ title: 'Engines' }, { title: 'Patterns' }])
  })

  it('filters with a correlated EXISTS: authors having more than one post', async () => {
    const prolific = exists(select(posts.c.authorId).where(posts.c.authorId.eq(authors.c.id)).groupBy(posts.c.authorId).having(func.count().gt(1)))
    expect(await readRows(db.engine, select(authors.c.name).where(prolific))).toEqual([{ name: 'Ada' }])
  })

  it('filters with NOT EXISTS: authors without posts', async () => {
    expect(await readRows(db.engine, select(authors.c.name).where(notExists(select(posts.c.id).where(posts.c.authorId.eq(authors.c.id)))))).toEqual([{ name: 'Brian' }])
  })

  it('filters with IN and NOT IN over a subquery', async () => {
    const readWidely = select(posts.c.authorId).where(posts.c.views.ge(100))
    expect(await readRows(db.engine, select(authors.c.name).where(authors.c.id.in(readWidely)).orderBy(authors.c.name))).toEqual([{ name: 'Ada' }, { name: 'Carol' }])
    expect(await readRows(db.engine, select(authors.c.name).where(authors.c.id.notIn(readWidely)))).toEqual([{ name: 'Brian' }])
  })
})
