import { insert, select } from '@athanor/core'
import { Session, inspect } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'
import { StatementLog } from './support/statement-log'

const blog = defineBlog('orm_ident')
const { User, Post, Tag, Bookmark, users, posts, tags, bookmarks } = blog

describeEachDialect('ORM: identity map', { metadata: blog.metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(users).values([{ id: 1, name: 'ada', email: 'ada@example.com' }, { id: 2, name: 'bob', email: 'bob@example.com' }]))
      await connection.execute(insert(posts).values([{ id: 10, authorId: 1, title: 'first' }, { id: 11, authorId: 1, title: 'second' }]))
      await connection.execute(insert(tags).values([{ id: 20, name: 'sql' }]))
      await connection.execute(insert(bookmarks).values([{ userId: 2, postId: 10, note: 'later' }]))
    })
  })

  let log: StatementLog
  beforeEach(() => {
    log = new StatementLog(db.engine)
  })
  afterEach(() => log.dispose())

  it('get twice returns the same object, and the second issues no SQL', async () => {
    await using session = new Session(db.engine)
    const first = await session.get(User, 1)
    expect(first?.name).toBe('ada')
    log.clear()
    const second = await session.get(User, 1)
    expect(second).toBe(first)
    expect(log.statements).toEqual([])
    expect(await session.get(User, 999)).toBeUndefined()
  })

  it('a query returning rows already in the map returns the same objects and keeps their unflushed changes', async () => {
    await using session = new Session(db.engine, { autoflush: false })
    const ada = (await session.get(User, 1)) as InstanceType<typeof User>
    ada.name = 'Ada (unsaved)'
    const [again] = await session.scalars(select(User).where(User.c.id.eq(1)))
    expect(again).toBe(ada)
    expect(again.name).toBe('Ada (unsaved)')
    expect(inspect(ada).modifiedColumns).toEqual(['name'])
    const everyone = await session.scalars(select(User).orderBy(User.c.id))
    expect(everyone[0]).toBe(ada)
    expect(everyone.map((user) => user.name)).toEqual(['Ada (unsaved)', 'bob'])
  })

  it('one object per composite primary key, by array or by object', async () => {
    await using session = new Session(db.engine)
    const byArray = await session.get(Bookmark, [2, 10])
    expect(byArray?.note).toBe('later')
    log.clear()
    expect(await session.get(Bookmark, { userId: 2, postId: 10 })).toBe(byArray)
    const [queried] = await session.scalars(select(Bookmark))
    expect(queried).toBe(byArray)
    expect(log.count('select')).toBe(1)
    await expect(session.get(Bookmark, 2)).rejects.toThrow(/primary key is \(userId, postId\)/)
  })

  it('objects reached through relationships are the identity-mapped ones', async () => {
    await using session = new Session(db.engine)
    const ada = (await session.get(User, 1)) as InstanceType<typeof User>
    await session.refresh(ada, ['posts'])
    const first = await session.get(Post, 10)
    expect(ada.posts[0]).toBe(first)
    log.clear()
    expect(first?.author).toBe(ada) // many-to-one found in the identity map: no query
    expect(log.statements).toEqual([])
  })

  it('a new object takes its place in the map when flushed; an expired one is reloaded by get', async () => {
    await using session = new Session(db.engine)
    const tag = new Tag({ name: 'orm' })
    session.add(tag)
    await session.flush()
    log.clear()
    expect(await session.get(Tag, tag.id)).toBe(tag)
    expect(log.statements).toEqual([])
    session.expire(tag)
    expect(() => tag.name).toThrow(/Tag\.name was expired/)
    expect(await session.get(Tag, tag.id)).toBe(tag)
    expect(log.count('select')).toBe(1)
    expect(tag.name).toBe('orm')
    await session.rollback()
  })

  it('keeps sessions apart: each has its own object for the same row', async () => {
    await using one = new Session(db.engine)
    const fromOne = await one.get(User, 2)
    await one.commit()
    await using two = new Session(db.engine)
    const fromTwo = await two.get(User, 2)
    expect(fromTwo).not.toBe(fromOne)
    expect(fromTwo?.name).toBe('bob')
    expect(() => two.add(fromOne as object)).toThrow(/another Session|same primary key/)
  })
})
