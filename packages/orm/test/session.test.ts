import { ArgumentError, integer, json, select, update, varchar } from '@athanor/core'
import { DetachedInstanceError, MappingError, Model, Session, flagModified, inspect, mapper } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'
import { StatementLog } from './support/statement-log'

const blog = defineBlog('orm_sess')
const { User, Post, users } = blog
const documents = blog.metadata.table('orm_sess_documents', {
  id: integer().primaryKey(),
  title: varchar(50).notNull(),
  meta: json<{ tags: string[] }>(),
})
class Document extends Model(documents) {}
mapper(Document)

class Shadowing extends Model(documents) {
  // A class field (not `declare`) defines an own property that hides the mapped accessor.
  title = 'shadow'
}

describeEachDialect('ORM: the Session', { metadata: blog.metadata }, (db) => {
  it('await using closes the session and gives its connection back', async () => {
    {
      await using session = new Session(db.engine)
      session.add(new User({ name: 'scoped', email: 'scoped@example.com' }))
      await session.flush()
      expect(db.engine.pool.status().checkedOut).toBe(1)
    }
    expect(db.engine.pool.status().checkedOut).toBe(0)
    await using check = new Session(db.engine)
    expect(await check.scalars(select(User).where(User.c.name.eq('scoped')))).toEqual([]) // never committed
  })

  it('begin(work) commits what work did, or rolls it back when it throws', async () => {
    await using session = new Session(db.engine)
    const saved = await session.begin(async (s) => {
      const user = new User({ name: 'begun', email: 'begun@example.com' })
      s.add(user)
      return user
    })
    expect(inspect(saved).status).toBe('persistent')
    await expect(
      session.begin(async (s) => {
        s.add(new User({ name: 'begun twice', email: 'begun@example.com' }))
        await s.flush()
      }),
    ).rejects.toThrow()
    expect((await session.scalars(select(User.c.name).where(User.c.email.eq('begun@example.com'))))).toEqual(['begun'])
  })

  it('autoflush makes pending changes visible to queries; without it they wait for flush()', async () => {
    await using session = new Session(db.engine)
    const user = new User({ name: 'auto', email: 'auto@example.com' })
    session.add(user)
    expect(await session.scalars(select(User).where(User.c.name.eq('auto')))).toEqual([user])
    await session.rollback()

    await using manual = new Session(db.engine, { autoflush: false })
    manual.add(new User({ name: 'manual', email: 'manual@example.com' }))
    expect(await manual.scalars(select(User).where(User.c.name.eq('manual')))).toEqual([])
    await manual.flush()
    expect(await manual.scalars(select(User.c.name).where(User.c.name.eq('manual')))).toEqual(['manual'])
    await manual.rollback()
  })

  it('execute() runs Core statements in the session transaction; scalars() of plain columns returns values', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const user = new User({ name: 'core', email: 'core@example.com' })
    session.add(user)
    await session.flush()
    const result = await session.execute(update(users).where(users.c.id.eq(user.id)).values({ name: 'core renamed' }))
    expect(result.rowCount).toBe(1)
    expect(await session.scalar(select(users.c.name).where(users.c.id.eq(user.id)))).toBe('core renamed')
    // The object does not know about Core writes until it is refreshed.
    expect(user.name).toBe('core')
    await session.refresh(user)
    expect(user.name).toBe('core renamed')
    // A select list naming a mapped class gives tuples of the session's objects (see entity-rows.test.ts).
    expect((await session.execute(select(User).where(User.c.id.eq(user.id)))).one()[0]).toBe(user)
    await session.rollback()
  })

  it('select(User) works with plain Core too: a connection returns rows, not objects', async () => {
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select(User).where(User.c.name.eq('begun')))).all()
      expect(rows).toEqual([expect.objectContaining({ name: 'begun', email: 'begun@example.com' })])
      expect(rows[0]).not.toBeInstanceOf(User)
    } finally {
      await connection.close()
    }
  })

  it('tracks new, dirty and deleted objects, and their life cycle', async () => {
    await using session = new Session(db.engine)
    const user = new User({ name: 'cycle', email: 'cycle@example.com' })
    expect(inspect(user).status).toBe('transient')
    session.add(user)
    expect(session.new).toEqual([user])
    expect(inspect(user).status).toBe('pending')
    await session.flush()
    expect(inspect(user).status).toBe('persistent')
    expect(inspect(user).identity).toEqual([user.id])
    user.name = 'cycle changed'
    expect(session.dirty).toEqual([user])
    expect(inspect(user).modifiedColumns).toEqual(['name'])
    session.delete(user)
    expect(session.deleted).toEqual([user])
    await session.flush()
    expect(inspect(user).status).toBe('deleted')
    await session.commit()
    expect(inspect(user).status).toBe('detached')
  })

  it('refuses objects it cannot handle, with errors that say why', async () => {
    await using session = new Session(db.engine)
    await using other = new Session(db.engine)
    const user = new User({ name: 'strict', email: 'strict@example.com' })
    other.add(user)
    expect(() => session.add(user)).toThrow(DetachedInstanceError)
    expect(() => other.delete(user)).toThrow(/pending .* expunge/)
    expect(() => session.expire(user)).toThrow(DetachedInstanceError)
    expect(() => session.add({} as object)).toThrow(/not a mapped object/)
    expect(() => session.add(new Shadowing({ title: 'x' }))).toThrow(MappingError)
    expect(() => new User({ name: 'x', email: 'y', nickname: 'z' } as never)).toThrow(ArgumentError)
    await other.rollback()
  })

  it('objects are plain classes: getters, methods and JSON work on new and loaded ones alike', async () => {
    await using session = new Session(db.engine)
    const loaded = (await session.scalars(select(User).where(User.c.name.eq('begun'))))[0]
    expect(loaded).toBeInstanceOf(User)
    expect(loaded.label).toBe('begun <begun@example.com>')
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(expect.objectContaining({ id: loaded.id, name: 'begun' }))
    expect(Object.keys(new Post({ title: 'plain' }))).toEqual([])
  })

  it('flagModified writes a JSON value that was changed in place', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const document = new Document({ title: 'doc', meta: { tags: ['a'] } })
    session.add(document)
    await session.commit()
    const log = new StatementLog(db.engine)
    try {
      document.meta?.tags.push('b')
      await session.flush()
      expect(log.count('update')).toBe(0) // an in-place change is invisible to the attribute
      flagModified(document, 'meta')
      await session.commit()
      expect(log.count('update')).toBe(1)
    } finally {
      log.dispose()
    }
    await using check = new Session(db.engine)
    expect((await check.get(Document, document.id))?.meta).toEqual({ tags: ['a', 'b'] })
  })
})
