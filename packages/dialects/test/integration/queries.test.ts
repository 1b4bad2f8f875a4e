import {
  MetaData,
  MultipleResultsFound,
  NoResultFound,
  and,
  caseWhen,
  cast,
  deleteFrom,
  func,
  insert,
  integer,
  literal,
  not,
  or,
  select,
  sql,
  update,
  varchar,
} from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const authors = metadata.table('q_authors', { id: integer().primaryKey(), name: varchar(30).notNull(), age: integer() })
const books = metadata.table('q_books', {
  id: integer().primaryKey(),
  authorId: integer().notNull().references(() => authors.c.id, { onDelete: 'cascade' }),
  title: varchar(60).notNull(),
  pages: integer().notNull(),
})

describeEachDialect('queries', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(authors).values([
          { id: 1, name: 'Ada', age: 36 },
          { id: 2, name: 'Brian', age: null },
          { id: 3, name: 'Carol', age: 51 },
        ]),
      )
      await connection.execute(
        insert(books).values([
          { id: 1, authorId: 1, title: 'Notes', pages: 120 },
          { id: 2, authorId: 1, title: 'Engines', pages: 300 },
          { id: 3, authorId: 3, title: 'Patterns', pages: 90 },
        ]),
      )
    })
  })

  async function rows<Row>(statement: Parameters<import('@athanor/core').Connection['execute']>[0] & { readonly __row?: Row }): Promise<Row[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(statement)).all() as Row[]
    } finally {
      await connection.close()
    }
  }

  it('joins with an aggregate, group by and having', async () => {
    const statement = select({ name: authors.c.name, books: func.count(books.c.id), pages: func.sum(books.c.pages) })
      .from(authors)
      .join(books, books.c.authorId.eq(authors.c.id))
      .groupBy(authors.c.id, authors.c.name)
      .having(func.count(books.c.id).ge(1))
      .orderBy(authors.c.name)
    const result = await rows(statement)
    expect(result.map((r) => ({ ...r, pages: Number(r.pages) }))).toEqual([
      { name: 'Ada', books: 2, pages: 420 },
      { name: 'Carol', books: 1, pages: 90 },
    ])
  })

  it('left join keeps rows without a match, with NULLs', async () => {
    const result = await rows(select(authors.c.name, books.c.title).leftJoin(books, books.c.authorId.eq(authors.c.id)).where(books.c.id.isNull()))
    expect(result).toEqual([{ name: 'Brian', title: null }])
  })

  it('filters with and/or/not, in, between, like, ilike, null checks', async () => {
    const names = async (condition: Parameters<ReturnType<typeof select>['where']>[0]) =>
      (await rows(select(authors.c.name).where(condition).orderBy(authors.c.name))).map((r) => r.name)
    expect(await names(or(authors.c.age.gt(40), authors.c.age.isNull()))).toEqual(['Brian', 'Carol'])
    expect(await names(and(authors.c.age.between(30, 40), not(authors.c.name.eq('Carol'))))).toEqual(['Ada'])
    expect(await names(authors.c.id.in([1, 3]))).toEqual(['Ada', 'Carol'])
    expect(await names(authors.c.id.in([]))).toEqual([])
    expect(await names(authors.c.id.notIn([]))).toEqual(['Ada', 'Brian', 'Carol'])
    expect(await names(authors.c.name.like('%r%'))).toEqual(['Brian', 'Carol'])
    expect(await names(authors.c.name.ilike('a%'))).toEqual(['Ada'])
    expect(await names(authors.c.age.eq(null))).toEqual(['Brian'])
    expect(await names(authors.c.age.ne(null))).toEqual(['Ada', 'Carol'])
  })

  it('where() with no conditions, and(), or() of nothing are valid SQL (true, true, false)', async () => {
    expect(await rows(select(authors.c.id).where().orderBy(authors.c.id))).toHaveLength(3)
    expect(await rows(select(authors.c.id).where(and()))).toHaveLength(3)
    expect(await rows(select(authors.c.id).where(or()))).toHaveLength(0)
  })

  it('orders, limits and offsets', async () => {
    expect(await rows(select(books.c.title).orderBy(books.c.pages.desc()).limit(2))).toEqual([{ title: 'Engines' }, { title: 'Notes' }])
    expect(await rows(select(books.c.title).orderBy(books.c.pages).limit(1).offset(1))).toEqual([{ title: 'Notes' }])
    expect(await rows(select(books.c.title).orderBy(books.c.pages).offset(2))).toEqual([{ title: 'Engines' }])
    expect(await rows(select(authors.c.name).orderBy(authors.c.age.asc().nullsFirst()).limit(1))).toEqual([{ name: 'Brian' }])
    expect(await rows(select(authors.c.name).orderBy(authors.c.age.desc().nullsLast()).limit(1))).toEqual([{ name: 'Carol' }])
  })

  it('computes with arithmetic, concat, case, cast, literal and the sql tag', async () => {
    const result = await rows(
      select({
        doubled: books.c.pages.mul(2),
        label: books.c.title.concat(' (', cast(books.c.pages, varchar(10)), ')'),
        size: caseWhen([books.c.pages.gt(100), literal('long')]).else('short'),
        plusOne: sql<number>`${books.c.pages} + ${1}`,
      })
        .from(books)
        .where(books.c.id.eq(3)),
    )
    expect(result.map((r) => ({ ...r, plusOne: Number(r.plusOne) }))).toEqual([{ doubled: 180, label: 'Patterns (90)', size: 'short', plusOne: 91 }])
  })

  it('distinct removes duplicates', async () => {
    expect((await rows(select(books.c.authorId).distinct().orderBy(books.c.authorId))).map((r) => r.authorId)).toEqual([1, 3])
  })

  it('update with an expression reports the matched rows, and delete too', async () => {
    await db.engine.begin(async (connection) => {
      const updated = await connection.execute(update(books).where(books.c.authorId.eq(1)).values({ pages: books.c.pages.add(10) }))
      expect(updated.rowCount).toBe(2)
      const unchanged = await connection.execute(update(books).where(books.c.id.eq(3)).values({ pages: 90 }))
      expect(unchanged.rowCount).toBe(1) // matched, even though the value did not change
      const pages = await connection.execute(select(books.c.pages).where(books.c.authorId.eq(1)).orderBy(books.c.id))
      expect(pages.scalars()).toEqual([130, 310])
      const deleted = await connection.execute(deleteFrom(books).where(books.c.pages.gt(1000)))
      expect(deleted.rowCount).toBe(0)
      await connection.rollback()
    })
  })

  it('Result helpers: one, oneOrNone, first, scalar, scalars', async () => {
    const connection = await db.engine.connect()
    try {
      const byId = (id: number) => select(authors.c.name).where(authors.c.id.eq(id))
      expect((await connection.execute(byId(1))).one()).toEqual({ name: 'Ada' })
      expect((await connection.execute(byId(9))).oneOrNone()).toBeUndefined()
      expect((await connection.execute(byId(9))).first()).toBeUndefined()
      expect(() => undefined).not.toThrow()
      await expect(connection.execute(byId(9)).then((r) => r.one())).rejects.toThrow(NoResultFound)
      await expect(connection.execute(select(authors.c.name)).then((r) => r.one())).rejects.toThrow(MultipleResultsFound)
      await expect(connection.execute(select(authors.c.name)).then((r) => r.oneOrNone())).rejects.toThrow(MultipleResultsFound)
      expect((await connection.execute(select({ n: func.count() }).from(authors))).scalar()).toBe(3)
      expect((await connection.execute(select(authors.c.id).orderBy(authors.c.id))).scalars()).toEqual([1, 2, 3])
    } finally {
      await connection.close()
    }
  })
})
