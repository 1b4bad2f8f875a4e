import { MetaData, type Select, insert, integer, primaryKey, select, varchar } from '@athanor/core'
import { ArgumentError } from '@athanor/core'
import { Model, NotLoadedError, Session, containsEager, joinedload, lazyload, mapper, raiseload, relationship, selectinload, subqueryload } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const users = metadata.table('orm2_eager_users', { id: integer().primaryKey(), name: varchar(50).notNull() })
const profiles = metadata.table('orm2_eager_profiles', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id),
  bio: varchar(100).notNull(),
})
const posts = metadata.table('orm2_eager_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id),
  title: varchar(100).notNull(),
})
const tags = metadata.table('orm2_eager_tags', { id: integer().primaryKey(), name: varchar(30).notNull() })
const postTags = metadata.table(
  'orm2_eager_post_tags',
  {
    postId: integer()
      .notNull()
      .references(() => posts.c.id),
    tagId: integer()
      .notNull()
      .references(() => tags.c.id),
  },
  (t) => [primaryKey(t.postId, t.tagId)],
)

class User extends Model(users) {
  declare posts: Post[]
  declare profile: Profile | null
}
class Profile extends Model(profiles) {}
class Post extends Model(posts) {
  declare author: User | null
  declare tags: Tag[]
}
class Tag extends Model(tags) {}
mapper(User, {
  posts: relationship(() => Post, { backPopulates: 'author', orderBy: posts.c.id }),
  profile: relationship(() => Profile, { uselist: false }),
})
mapper(Post, { author: relationship(() => User, { backPopulates: 'posts' }), tags: relationship(() => Tag, { secondary: postTags, orderBy: tags.c.id }) })

// The same tables mapped again, with loaders configured as relationship defaults.
class DefaultUser extends Model(users) {
  declare posts: DefaultPost[]
}
class DefaultPost extends Model(posts) {
  declare author: DefaultUser | null
  declare tags: Tag[]
}
mapper(DefaultUser, { posts: relationship(() => DefaultPost, { backPopulates: 'author', lazy: 'selectin' }) })
mapper(DefaultPost, { author: relationship(() => DefaultUser, { backPopulates: 'posts', lazy: 'selectin' }), tags: relationship(() => Tag, { secondary: postTags, lazy: 'subquery' }) })

const USERS = 200
const POSTS_PER_USER = 10
const TAGS_PER_POST = 3

// The loaded graph as plain data, to compare strategies.
function graphOf(loaded: readonly User[]): unknown {
  return [...loaded]
    .sort((a, b) => a.id - b.id)
    .map((user) => ({
      id: user.id,
      name: user.name,
      posts: [...user.posts].sort((a, b) => a.id - b.id).map((post) => ({ id: post.id, title: post.title, tags: post.tags.map((tag) => tag.name).sort() })),
    }))
}

describeEachDialect('ORM: eager loading strategies', { metadata }, (db) => {
  let log: StatementLog
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(users).values(Array.from({ length: USERS }, (_, index) => ({ id: index + 1, name: `user ${index + 1}` }))))
      await connection.execute(insert(profiles).values(Array.from({ length: USERS / 2 }, (_, index) => ({ id: index + 1, userId: index * 2 + 1, bio: `bio ${index}` }))))
      await connection.execute(insert(tags).values(Array.from({ length: 30 }, (_, index) => ({ id: index + 1, name: `tag ${index + 1}` }))))
      const postRows = []
      const tagRows = []
      for (let user = 1; user <= USERS; user++) {
        for (let index = 0; index < POSTS_PER_USER; index++) {
          const id = (user - 1) * POSTS_PER_USER + index + 1
          postRows.push({ id, userId: user, title: `post ${id}` })
          for (let tag = 0; tag < TAGS_PER_POST; tag++) tagRows.push({ postId: id, tagId: ((id + tag * 7) % 30) + 1 })
        }
      }
      await connection.execute(insert(posts).values(postRows))
      await connection.execute(insert(postTags).values(tagRows))
    })
  })
  beforeEach(() => {
    log = new StatementLog(db.engine)
  })
  afterEach(() => log.dispose())

  async function loadWith(statement: Select<unknown>, hasTags = true): Promise<{ graph: unknown; statements: number; users: User[] }> {
    await using session = new Session(db.engine)
    log.clear()
    const loaded = (await session.scalars(statement)) as User[]
    const statements = log.dataStatements.length
    return { graph: hasTags ? graphOf(loaded) : undefined, statements, users: loaded }
  }

  it('loads 200 users × 10 posts × 3 tags in 3 (selectin), 1 (joined) and 3 (subquery) statements, with identical graphs', async () => {
    const bySelectin = await loadWith(select(User).options(selectinload('posts').selectinload('tags')))
    const byJoined = await loadWith(select(User).options(joinedload('posts').joinedload('tags')))
    const bySubquery = await loadWith(select(User).options(subqueryload('posts').subqueryload('tags')))
    expect(bySelectin.statements).toBe(3)
    expect(byJoined.statements).toBe(1)
    expect(bySubquery.statements).toBe(3)
    expect(bySelectin.users).toHaveLength(USERS)
    expect(byJoined.users).toHaveLength(USERS) // de-duplicated from 6,000 rows
    expect(byJoined.graph).toEqual(bySelectin.graph)
    expect(bySubquery.graph).toEqual(bySelectin.graph)
    const first = (bySelectin.graph as { posts: { tags: string[] }[] }[])[0]
    expect(first.posts).toHaveLength(POSTS_PER_USER)
    expect(first.posts[0].tags).toHaveLength(TAGS_PER_POST)
  })

  it('joinedload with limit/offset wraps the limited query, so the limit counts users', async () => {
    const { users: loaded, statements } = await loadWith(select(User).where(User.c.id.gt(10)).orderBy(User.c.id).limit(5).offset(2).options(joinedload('posts')), false)
    expect(statements).toBe(1)
    expect(loaded.map((user) => user.id)).toEqual([13, 14, 15, 16, 17])
    for (const user of loaded) expect(user.posts).toHaveLength(POSTS_PER_USER)
    for (const user of loaded) expect(user.posts.map((post) => post.id)).toEqual([...user.posts.map((post) => post.id)].sort((a, b) => a - b)) // orderBy kept
  })

  it('several options side by side, one-to-one and many-to-one included', async () => {
    await using session = new Session(db.engine)
    log.clear()
    const loaded = await session.scalars(select(User).where(User.c.id.le(4)).orderBy(User.c.id).options(selectinload('posts'), joinedload('profile')))
    expect(log.dataStatements).toHaveLength(2)
    expect(loaded.map((user) => user.profile?.bio ?? null)).toEqual(['bio 0', null, 'bio 1', null])
    expect(loaded[0].posts[0].author).toBe(loaded[0]) // from the identity map, no query
    const postsOnly = await session.scalars(select(Post).where(Post.c.id.le(3)).options(selectinload('author'), subqueryload('tags')))
    expect(postsOnly.map((post) => post.author?.id)).toEqual([1, 1, 1])
    expect(postsOnly[0].tags).toHaveLength(TAGS_PER_POST)
  })

  it('raiseload and lazyload leave relationships unloaded; raiseload names itself', async () => {
    await using session = new Session(db.engine)
    const [user] = await session.scalars(select(User).where(User.c.id.eq(1)).options(raiseload('posts'), lazyload('profile')))
    expect(() => user.posts).toThrow(NotLoadedError)
    expect(() => user.posts).toThrow('raiseload("posts")')
    expect(() => user.profile).toThrow(NotLoadedError)
    await session.refresh(user, ['posts']) // the explicit load still works
    expect(user.posts).toHaveLength(POSTS_PER_USER)
  })

  it("containsEager fills a relationship from the user's own join and filters", async () => {
    await using session = new Session(db.engine)
    log.clear()
    const statement = select(User).join(posts, posts.c.userId.eq(User.c.id)).where(User.c.id.le(3), posts.c.title.like('post 1%')).options(containsEager('posts'))
    const loaded = await session.scalars(statement)
    expect(log.dataStatements).toHaveLength(1)
    expect(loaded.map((user) => user.id)).toEqual([1, 2])
    expect(loaded[0].posts.map((post) => post.title).sort()).toEqual(['post 1', 'post 10'])
    expect(loaded[1].posts.map((post) => post.title).sort()).toEqual(['post 11', 'post 12', 'post 13', 'post 14', 'post 15', 'post 16', 'post 17', 'post 18', 'post 19'])
  })

  it('relationship defaults (lazy: "selectin" / "subquery") load without options; lazyload and raiseload override them', async () => {
    await using session = new Session(db.engine)
    log.clear()
    const loaded = await session.scalars(select(DefaultUser).where(DefaultUser.c.id.le(20)))
    expect(log.dataStatements).toHaveLength(3) // users, posts IN (…), tags joined to the posts query
    expect(loaded[0].posts[0].tags).toHaveLength(TAGS_PER_POST)
    expect(loaded[0].posts[0].author).toBe(loaded[0]) // the back reference is not loaded again
    log.clear()
    const [plain] = await session.scalars(select(DefaultUser).where(DefaultUser.c.id.eq(21)).options(lazyload('posts')))
    expect(log.dataStatements).toHaveLength(1)
    expect(() => plain.posts).toThrow(NotLoadedError)
    const [post] = await session.scalars(select(DefaultPost).where(DefaultPost.c.id.eq(500)).options(raiseload('tags')))
    expect(() => post.tags).toThrow('raiseload("tags")')
  })

  it('subqueryload keeps the limit of the original query', async () => {
    const { users: loaded, statements } = await loadWith(select(User).orderBy(User.c.id.desc()).limit(3).options(subqueryload('posts').subqueryload('tags')))
    expect(statements).toBe(3)
    expect(loaded.map((user) => user.id)).toEqual([200, 199, 198])
    expect(loaded.every((user) => user.posts.length === POSTS_PER_USER && user.posts.every((post) => post.tags.length === TAGS_PER_POST))).toBe(true)
  })

  it('an unknown relationship name throws, naming the class', async () => {
    await using session = new Session(db.engine)
    await expect(session.scalars(select(User).options(selectinload('posts').selectinload('comments')))).rejects.toThrow(ArgumentError)
    await expect(session.scalars(select(User).options(selectinload('postz')))).rejects.toThrow('User has no relationship "postz" (its relationships: "posts", "profile")')
    await expect(session.scalars(select(User).options(selectinload('posts').selectinload('comments')))).rejects.toThrow('Post has no relationship "comments"')
  })
})
