import { ArgumentError, MetaData, integer, select, text, varchar } from '@athanor/core'
import { Model, NotLoadedError, Session, defer, joinedload, loadOnly, mapper, relationship, undefer } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const authors = metadata.table('orm2_columns_authors', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  bio: text(),
})
const books = metadata.table('orm2_columns_books', {
  id: integer().primaryKey(),
  authorId: integer()
    .notNull()
    .references(() => authors.c.id),
  title: varchar(100).notNull(),
})

class Author extends Model(authors) {
  declare books: Book[]
}
class Book extends Model(books) {}
mapper(Author, { books: relationship(() => Book) })

describeEachDialect('ORM: column options (loadOnly, defer, undefer)', { metadata }, (db) => {
  beforeAll(async () => {
    await using session = new Session(db.engine)
    session.add(new Author({ id: 1, name: 'ada', email: 'ada@example.com', bio: 'a long biography' }))
    session.add(new Book({ id: 1, authorId: 1, title: 'notes' }))
    await session.commit()
  })

  it('loadOnly selects the named columns and the key; the others throw NotLoadedError until refreshed', async () => {
    await using session = new Session(db.engine)
    const log = new StatementLog(db.engine)
    const [ada] = await session.scalars(select(Author).options(loadOnly('name')))
    log.dispose()
    expect(log.matching('select')[0]).not.toMatch(/bio|email/)
    expect(ada.id).toBe(1)
    expect(ada.name).toBe('ada')
    expect(() => ada.bio).toThrow(NotLoadedError)
    expect(() => ada.email).toThrow('Author.email is deferred and was not loaded. Load it with the query (`.options(undefer("email"))`) or explicitly with `await session.refresh(author, ["email"])`.')
    await session.refresh(ada, ['bio'])
    expect(ada.bio).toBe('a long biography')
    expect(() => ada.email).toThrow(NotLoadedError)
    await session.refresh(ada)
    expect(ada.email).toBe('ada@example.com')
  })

  it('defer leaves columns out; undefer brings one back; a later full query fills them in', async () => {
    await using session = new Session(db.engine)
    const [ada] = await session.scalars(select(Author).options(defer('bio', 'email'), undefer('email')))
    expect(ada.email).toBe('ada@example.com')
    expect(() => ada.bio).toThrow(NotLoadedError)
    await session.scalars(select(Author).options(joinedload('books'), loadOnly('name')))
    expect(() => ada.bio).toThrow(NotLoadedError)
    expect(ada.books.map((book) => book.title)).toEqual(['notes'])
    await session.scalars(select(Author))
    expect(ada.bio).toBe('a long biography')
  })

  it('a deferred column can be written without loading it', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const [ada] = await session.scalars(select(Author).options(defer('bio')))
    ada.bio = 'short'
    await session.commit()
    expect(ada.bio).toBe('short')
    await session.refresh(ada)
    expect(ada.bio).toBe('short')
  })

  it('unknown and key columns are refused with a clear error', async () => {
    await using session = new Session(db.engine)
    await expect(session.scalars(select(Author).options(defer('biography')))).rejects.toThrow(ArgumentError)
    await expect(session.scalars(select(Author).options(defer('id')))).rejects.toThrow('Author.id identifies the row')
  })
})
