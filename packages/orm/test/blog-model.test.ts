import { select } from '@athanor/core'
import { Session } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'

const blog = defineBlog('orm_blog')
const { User, Post, Comment, Tag, Category, Bookmark, users, posts, comments, tags, postTags, categories, bookmarks } = blog
type User = InstanceType<typeof User>
type Tag = InstanceType<typeof Tag>
type Category = InstanceType<typeof Category>

const byKeys =
  (...keys: string[]) =>
  (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const key of keys) {
      const [x, y] = [a[key], b[key]]
      if (x !== y) return (x as number) < (y as number) ? -1 : 1
    }
    return 0
  }

/**
 * What the objects say the database holds, read only from memory (every relationship here was
 * built in memory); objects the session no longer contains (deleted and committed) are left out.
 */
function stateOfObjects(session: Session, people: readonly User[], allTags: readonly Tag[], roots: readonly Category[]) {
  const keep = <T extends object>(list: readonly T[]): T[] => list.filter((item) => session.contains(item))
  const allPosts = keep(people).flatMap((user) => keep(user.posts))
  const walk = (category: Category): Category[] => [category, ...keep(category.children).flatMap(walk)]
  return {
    users: keep(people).map((user) => ({ id: user.id, name: user.name, email: user.email })).sort(byKeys('id')),
    posts: allPosts.map((post) => ({ id: post.id, authorId: post.author?.id, categoryId: post.category?.id ?? null, title: post.title })).sort(byKeys('id')),
    comments: allPosts
      .flatMap((post) => keep(post.comments).map((comment) => ({ id: comment.id, postId: post.id, authorId: comment.authorId, body: comment.body })))
      .sort(byKeys('id')),
    tags: keep(allTags).map((tag) => ({ id: tag.id, name: tag.name })).sort(byKeys('id')),
    postTags: allPosts.flatMap((post) => keep(post.tags).map((tag) => ({ postId: post.id, tagId: tag.id }))).sort(byKeys('postId', 'tagId')),
    categories: keep(roots)
      .flatMap(walk)
      .map((category) => ({ id: category.id, parentId: category.parent?.id ?? null, name: category.name }))
      .sort(byKeys('id')),
    bookmarks: keep(people)
      .flatMap((user) => keep(user.bookmarks).map((bookmark) => ({ userId: user.id, postId: bookmark.post?.id, note: bookmark.note })))
      .sort(byKeys('userId', 'postId')),
  }
}

describeEachDialect('ORM: a blog created, changed and deleted through the Session', { metadata: blog.metadata }, (db) => {
  /** What the database holds, read with Core queries only. */
  async function stateOfDatabase() {
    const connection = await db.engine.connect()
    try {
      const all = async <Row>(statement: Parameters<typeof connection.execute<Row>>[0]) => (await connection.execute(statement)).all() as unknown as Record<string, unknown>[]
      return {
        users: (await all(select(users.c.id, users.c.name, users.c.email))).sort(byKeys('id')),
        posts: (await all(select(posts.c.id, posts.c.authorId, posts.c.categoryId, posts.c.title))).sort(byKeys('id')),
        comments: (await all(select(comments.c.id, comments.c.postId, comments.c.authorId, comments.c.body))).sort(byKeys('id')),
        tags: (await all(select(tags.c.id, tags.c.name))).sort(byKeys('id')),
        postTags: (await all(select(postTags.c.postId, postTags.c.tagId))).sort(byKeys('postId', 'tagId')),
        categories: (await all(select(categories.c.id, categories.c.parentId, categories.c.name))).sort(byKeys('id')),
        bookmarks: (await all(select(bookmarks.c.userId, bookmarks.c.postId, bookmarks.c.note))).sort(byKeys('userId', 'postId')),
      }
    } finally {
      await connection.close()
    }
  }

  // One world shared by the steps below, which run in order.
  const session = (): Session => world.session
  const world = {} as {
    session: Session
    people: User[]
    allTags: Tag[]
    roots: Category[]
    named: Record<string, Category>
  }

  afterAll(async () => {
    await world.session?.close()
  })

  it('creates users, posts, comments, tags, a category tree and bookmarks with add() and commit()', async () => {
    world.session = new Session(db.engine, { expireOnCommit: false })
    const [ada, bob, cy] = [new User({ name: 'ada', email: 'ada@example.com' }), new User({ name: 'bob', email: 'bob@example.com' }), new User({ name: 'cy', email: 'cy@example.com' })]
    const named: Record<string, Category> = {}
    for (const name of ['tech', 'db', 'sql', 'lang', 'ts', 'life']) named[name] = new Category({ name })
    named.tech.children.push(named.db, named.lang)
    named.db.children.push(named.sql)
    named.lang.children.push(named.ts)
    const [sqlTag, tsTag, ormTag] = ['sql', 'ts', 'orm'].map((name) => new Tag({ name }))

    const p1 = new Post({ title: 'Identity maps', body: 'one object per row' })
    p1.category = named.sql
    p1.tags.push(sqlTag, ormTag)
    const p2 = new Post({ title: 'Typed SQL' })
    p2.category = named.ts
    p2.tags = [tsTag, sqlTag]
    const p3 = new Post({ title: 'Gardening' })
    p3.category = named.life
    ada.posts.push(p1, p2)
    bob.posts.push(p3)
    const c1 = new Comment({ body: 'nice' })
    c1.author = bob
    const c2 = new Comment({ body: 'agreed' })
    c2.author = cy
    p1.comments.push(c1, c2)
    const c3 = new Comment({ body: 'green' })
    c3.author = ada
    p3.comments.push(c3)
    const bookmark = (user: User, post: InstanceType<typeof Post>, note: string | null) => {
      const created = new Bookmark({ note })
      created.post = post
      user.bookmarks.push(created)
    }
    bookmark(bob, p1, 'read later')
    bookmark(cy, p2, null)
    bookmark(ada, p3, 'lovely')

    // backPopulates kept both sides in step before anything was flushed.
    expect(p1.author).toBe(ada)
    expect(sqlTag.posts).toEqual([p1, p2])
    expect(named.sql.parent).toBe(named.db)
    expect(c3.post).toBe(p3)

    session().addAll([ada, bob, cy, named.tech, named.life])
    // save-update cascade reached everything from the users and the category roots.
    expect(session().new).toHaveLength(3 + 6 + 3 + 3 + 3 + 3)
    await session().commit()

    Object.assign(world, { people: [ada, bob, cy], allTags: [sqlTag, tsTag, ormTag], roots: [named.tech, named.life], named })
    expect(typeof ada.id).toBe('number')
    expect(p1.authorId).toBe(ada.id)
    expect(c2.postId).toBe(p1.id)
    expect(named.ts.parentId).toBe(named.lang.id)
    expect(await stateOfDatabase()).toEqual(stateOfObjects(session(), world.people, world.allTags, world.roots))
    expect((await stateOfDatabase()).postTags).toHaveLength(4)
  })

  it('changes attributes, moves posts and categories, retags, edits an association object and orphans a comment', async () => {
    const [ada, bob] = world.people
    const [, tsTag, ormTag] = world.allTags
    const { named } = world
    const [p1, p2] = ada.posts
    const p3 = bob.posts[0]

    ada.name = 'Ada Lovelace'
    bob.posts.push(p2) // moves it: backPopulates takes it out of ada.posts
    expect(ada.posts).toEqual([p1])
    expect(p2.author).toBe(bob)
    p1.tags.splice(p1.tags.indexOf(ormTag), 1)
    p1.tags.push(tsTag)
    expect(ormTag.posts).toEqual([])
    named.ts.parent = named.db // re-parent: leaves lang.children, joins db.children
    expect(named.lang.children).toEqual([])
    expect(named.db.children).toEqual([named.sql, named.ts])
    bob.bookmarks[0].note = 'read now'
    const orphan = p1.comments[0]
    p1.comments.splice(0, 1) // delete-orphan
    const fresh = new Comment({ body: 'so green' })
    fresh.author = bob
    p3.comments.push(fresh)

    await session().commit()
    expect(session().contains(orphan)).toBe(false)
    expect(await stateOfDatabase()).toEqual(stateOfObjects(session(), world.people, world.allTags, world.roots))
    expect((await stateOfDatabase()).comments.map((row) => row.body)).not.toContain('nice')
  })

  it('deletes a user with its posts, their comments, tags links and bookmarks, and un-links what it does not own', async () => {
    const [ada, bob, cy] = world.people
    const ormTag = world.allTags[2]
    const { named } = world
    const gardening = bob.posts.find((post) => post.title === 'Gardening') as InstanceType<typeof Post>
    const green = gardening.comments.find((comment) => comment.body === 'green') as InstanceType<typeof Comment>
    expect(green.authorId).toBe(ada.id)

    session().delete(ada) // cascades to ada.posts (p1) → comments, bookmarks; ada.bookmarks; post_tags rows of p1
    session().delete(ormTag)
    session().delete(named.lang)
    await session().commit()

    // ada.comments has no delete cascade: her comment stays, un-linked (author_id set to NULL).
    expect(green.authorId).toBeNull()
    expect(session().contains(ada)).toBe(false)
    const actual = await stateOfDatabase()
    expect(actual).toEqual(stateOfObjects(session(), world.people, world.allTags, world.roots))
    expect(actual.users.map((row) => row.name)).toEqual(['bob', 'cy'])
    expect(actual.posts.map((row) => row.title).sort()).toEqual(['Gardening', 'Typed SQL'])
    const typedSql = bob.posts.find((post) => post.title === 'Typed SQL') as InstanceType<typeof Post>
    expect(actual.bookmarks).toEqual([{ userId: cy.id, postId: typedSql.id, note: null }])
  })
})
