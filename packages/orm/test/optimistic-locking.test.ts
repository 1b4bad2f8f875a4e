import { MetaData, deleteFrom, integer, select, varchar } from '@athanor/core'
import { Model, Session, StaleDataError, mapper } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const documents = metadata.table('orm2_lock_documents', {
  id: integer().primaryKey(),
  title: varchar(100).notNull(),
  version: integer().notNull(),
})

class Document extends Model(documents, { optional: ['version'] }) {}
mapper(Document, {}, { versionColumn: 'version' })

describeEachDialect('ORM: optimistic locking (versionColumn)', { metadata }, (db) => {
  async function rowOf(id: number): Promise<{ title: string; version: number } | undefined> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(documents.c.title, documents.c.version).where(documents.c.id.eq(id)))).first()
    } finally {
      await connection.close()
    }
  }

  it('sets the version to 1 on INSERT and increments it with each UPDATE (WHERE version = old)', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const document = new Document({ id: 1, title: 'draft' })
    session.add(document)
    await session.commit()
    expect(document.version).toBe(1)
    const log = new StatementLog(db.engine)
    document.title = 'first'
    await session.commit()
    log.dispose()
    expect(document.version).toBe(2)
    const [sql] = log.matching('update')
    expect(sql).toMatch(/ set \S*title\S* = \S+, \S*version\S* = \S+ where .*id\S* = \S+ and \S*version\S* = /i)
    expect(await rowOf(1)).toEqual({ title: 'first', version: 2 })
  })

  it('the second of two sessions updating the same row gets StaleDataError, and the row keeps the first one’s values', async () => {
    await using first = new Session(db.engine, { expireOnCommit: false })
    await using second = new Session(db.engine, { expireOnCommit: false })
    // Each session reads the row (version 2) and releases its connection: SQLite's in-memory database has one.
    const mine = (await first.get(Document, 1)) as Document
    await first.commit()
    const theirs = (await second.get(Document, 1)) as Document
    await second.commit()
    expect(mine.version).toBe(2)
    expect(theirs.version).toBe(2)

    mine.title = 'written by the first'
    await first.commit()
    theirs.title = 'written by the second'
    await expect(second.flush()).rejects.toThrow(StaleDataError)
    await expect(second.flush()).rejects.toThrow('matched 0')
    expect(theirs.version).toBe(2) // the failed flush put the object back as it was
    expect(second.dirty).toEqual([theirs])
    await second.rollback()
    expect(await rowOf(1)).toEqual({ title: 'written by the first', version: 3 })
  })

  it('a DELETE of a row changed since it was loaded throws StaleDataError and deletes nothing', async () => {
    await using first = new Session(db.engine, { expireOnCommit: false })
    await using second = new Session(db.engine, { expireOnCommit: false })
    first.addAll([new Document({ id: 2, title: 'two' }), new Document({ id: 3, title: 'three' })])
    await first.commit()
    const [two, three] = await second.scalars(select(Document).where(Document.c.id.in([2, 3])).orderBy(Document.c.id))
    await second.commit()
    const mine = (await first.get(Document, 3)) as Document
    mine.title = 'three, edited'
    await first.commit()
    second.delete(two)
    second.delete(three)
    await expect(second.flush()).rejects.toThrow(StaleDataError)
    await second.rollback()
    expect(await rowOf(2)).toEqual({ title: 'two', version: 1 })
    expect(await rowOf(3)).toEqual({ title: 'three, edited', version: 2 })
  })

  it('an object whose version was expired by commit reads the current version before its UPDATE or DELETE', async () => {
    await using session = new Session(db.engine) // expireOnCommit: every attribute is expired after commit
    const document = new Document({ id: 4, title: 'four' })
    session.add(document)
    await session.commit()
    const log = new StatementLog(db.engine)
    document.title = 'four, edited' // set without loading: the version is still expired
    await session.commit()
    log.dispose()
    expect(log.matching('select')).toHaveLength(1)
    expect(await rowOf(4)).toEqual({ title: 'four, edited', version: 2 })
    session.delete(document)
    await session.commit()
    expect(await rowOf(4)).toBeUndefined()
  })

  it('deleting several expired versioned objects reads their versions in one SELECT', async () => {
    await using session = new Session(db.engine)
    const documents = [6, 7, 8].map((id) => new Document({ id, title: `doc ${id}` }))
    session.addAll(documents)
    await session.commit()
    const log = new StatementLog(db.engine)
    for (const document of documents) session.delete(document)
    await session.commit()
    log.dispose()
    expect(log.matching('select')).toHaveLength(1)
    for (const id of [6, 7, 8]) expect(await rowOf(id)).toBeUndefined()
  })

  it('an expired object whose row is gone gets StaleDataError, not a database error', async () => {
    await using session = new Session(db.engine)
    const document = new Document({ id: 5, title: 'five' })
    session.add(document)
    await session.commit()
    const connection = await db.engine.connect()
    try {
      await connection.execute(deleteFrom(documents).where(documents.c.id.eq(5)))
      await connection.commit()
    } finally {
      await connection.close()
    }
    document.title = 'five, edited'
    await expect(session.flush()).rejects.toThrow(StaleDataError)
    await session.rollback()
  })
})
