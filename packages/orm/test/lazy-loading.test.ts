import { insert } from '@athanor/core'
import { DetachedInstanceError, NotLoadedError, Session, inspect } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'
import { StatementLog } from './support/statement-log'

const blog = defineBlog('orm_lazy')
const { User, Post, Tag, Category, users, posts, comments, tags, postTags, categories } = blog

describeEachDialect('ORM: explicit (awaited) loading', { metadata: blog.metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(users).values([{ id: 1, name: 'ada', email: 'ada@example.com' }, { id: 2, name: 'bob', email: 'bob@example.com' }]))
      await connection.execute(insert(categories).values([{ id: 1, name: 'root' }, { id: 2, parentId: 1, name: 'leaf' }]))
      await connection.execute(
        insert(posts).values([
          { id: 3, authorId: 1, title: 'c third', categoryId: 2 },
          { id: 1, authorId: 1, title: 'a first', categoryId: null },
          { id: 2, authorId: 1, title: 'b second', categoryId: null },
        ]),
      )
      await connection.execute(insert(comments).values([{ id: 1, postId: 1, authorId: 2, body: 'hi' }]))
      await connection.execute(insert(tags).values([{ id: 1, name: 'sql' }, { id: 2, name: 'orm' }]))
      await connection.execute(insert(postTags).values([{ postId: 1, tagId: 1 }, { postId: 1, tagId: 2 }]))
    })
  })

  let log: StatementLog
  beforeEach(() => {
    log = new StatementLog(db.engine)
  })
  afterEach(() => log.dispose())

  it('reading a relationship that was never loaded throws, naming the relationship and how to load it', async () => {
    await using session = new Session(db.engine)
    const ada = (await session.get(User, 1)) as InstanceType<typeof User>
    expect(() => ada.posts).toThrow(NotLoadedError)
    expect(() => ada.posts).toThrow('User.posts is not loaded. Load it with `await session.refresh(user, ["posts"])` (or load it with the query: `.options(selectinload("posts"))`, joinedload, subqueryload)')
    expect(() => ada.posts.push(new Post({ title: 'x' }))).toThrow(NotLoadedError)
    expect(() => {
      ada.posts = []
    }).toThrow(NotLoadedError)
  })

  it('refresh(obj, ["posts"]) loads a collection with one query, in its orderBy order, through the identity map', async () => {
    await using session = new Session(db.engine)
    const ada = (await session.get(User, 1)) as InstanceType<typeof User>
    const alreadyHere = (await session.get(Post, 2)) as InstanceType<typeof Post>
    log.clear()
    await session.refresh(ada, ['posts'])
    expect(log.count('select')).toBe(1)
    expect(ada.posts.map((post) => post.title)).toEqual(['a first', 'b second', 'c third'])
    expect(ada.posts[1]).toBe(alreadyHere)
    expect(inspect(ada).loadedRelationships).toContain('posts')
  })

  it('loads many-to-one, many-to-many, self-referential and several relationships at once', async () => {
    await using session = new Session(db.engine)
    const first = (await session.get(Post, 1)) as InstanceType<typeof Post>
    await session.refresh(first, ['author', 'tags', 'comments', 'category'])
    expect(first.author?.name).toBe('ada')
    expect(first.tags.map((tag) => tag.name)).toEqual(['orm', 'sql']) // orderBy tags.name
    expect(first.comments.map((comment) => comment.body)).toEqual(['hi'])
    expect(first.category).toBeNull()
    const leaf = (await session.get(Category, 2)) as InstanceType<typeof Category>
    await session.refresh(leaf, ['parent', 'children'])
    expect(leaf.parent?.name).toBe('root')
    expect(leaf.children).toEqual([])
    const sql = (await session.get(Tag, 1)) as InstanceType<typeof Tag>
    await session.refresh(sql, ['posts'])
    expect(sql.posts).toEqual([first])
  })

  it('a many-to-one is read from the identity map without a query, and a NULL key is null', async () => {
    await using session = new Session(db.engine)
    const third = (await session.get(Post, 3)) as InstanceType<typeof Post>
    const first = (await session.get(Post, 1)) as InstanceType<typeof Post>
    expect(() => third.author).toThrow('Post.author is not loaded')
    const ada = await session.get(User, 1)
    log.clear()
    expect(third.author).toBe(ada)
    expect(first.category).toBeNull()
    expect(log.statements).toEqual([])
  })

  it('a new object has nothing to load: its collections start empty', () => {
    const fresh = new User({ name: 'new', email: 'new@example.com' })
    expect(fresh.posts).toEqual([])
    expect(new Post({ title: 'new' }).author).toBeNull()
  })

  it('columns expired by commit() throw until refreshed; the primary key stays readable', async () => {
    await using session = new Session(db.engine)
    const bob = (await session.get(User, 2)) as InstanceType<typeof User>
    await session.commit()
    expect(bob.id).toBe(2)
    expect(() => bob.name).toThrow(NotLoadedError)
    expect(() => bob.label).toThrow('User.name was expired')
    await session.refresh(bob)
    expect(bob.label).toBe('bob <bob@example.com>')
  })

  it('refresh() reloads columns and discards unflushed changes to them (with autoflush off)', async () => {
    await using session = new Session(db.engine, { autoflush: false })
    const bob = (await session.get(User, 2)) as InstanceType<typeof User>
    bob.name = 'not saved'
    await session.refresh(bob, ['name'])
    expect(bob.name).toBe('bob')
    expect(session.dirty).toEqual([])
  })

  it('a detached object cannot load: expired columns throw DetachedInstanceError, unloaded relationships NotLoadedError', async () => {
    const session = new Session(db.engine)
    const bob = (await session.get(User, 2)) as InstanceType<typeof User>
    session.expire(bob, ['email'])
    await session.close()
    expect(bob.name).toBe('bob')
    expect(() => bob.email).toThrow(DetachedInstanceError)
    expect(() => bob.posts).toThrow(NotLoadedError)
    await expect(session.refresh(bob)).rejects.toThrow(DetachedInstanceError)
  })
})
