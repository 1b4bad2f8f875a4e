import { ArgumentError, MetaData, func, insert, integer, select, varchar } from '@athanor/core'
import { EntityResult, Model, NotLoadedError, Session, UniqueRequiredError, defer, joinedload, mapper, relationship, selectinload, subqueryload } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const users = metadata.table('entity_rows_users', { id: integer().primaryKey(), name: varchar(50).notNull() })
const posts = metadata.table('entity_rows_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id),
  title: varchar(100).notNull(),
})

class User extends Model(users) {
  declare posts: Post[]
}
class Post extends Model(posts) {
  declare author: User | null
}
mapper(User, { posts: relationship(() => Post, { backPopulates: 'author', orderBy: posts.c.id }) })
mapper(Post, { author: relationship(() => User, { backPopulates: 'posts' }) })

// ada has two posts, bob one, cy none.
const USERS = [
  { id: 1, name: 'ada' },
  { id: 2, name: 'bob' },
  { id: 3, name: 'cy' },
]
const POSTS = [
  { id: 10, userId: 1, title: 'a1' },
  { id: 11, userId: 1, title: 'a2' },
  { id: 20, userId: 2, title: 'b1' },
]

const postsOfUsers = select(User, Post).join(Post, Post.c.userId.eq(User.c.id))

describeEachDialect('ORM: entity rows (session.execute of select(User, Post))', { metadata }, (db) => {
  let session: Session

  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(users).values(USERS))
      await connection.execute(insert(posts).values(POSTS))
    })
  })

  beforeEach(() => {
    session = new Session(db.engine)
  })

  afterEach(async () => {
    await session.close()
  })

  it('gives typed tuples of two entities joined, labelled apart in SQL', async () => {
    const result = await session.execute(postsOfUsers.orderBy(Post.c.id))
    expect(result).toBeInstanceOf(EntityResult)
    expect(result.keys).toEqual(['User', 'Post'])
    const rows = result.all()
    expect(rows.map(([user, post]) => [user.name, post.title])).toEqual([
      ['ada', 'a1'],
      ['ada', 'a2'],
      ['bob', 'b1'],
    ])
    for (const [user, post] of rows) {
      expect(user).toBeInstanceOf(User)
      expect(post).toBeInstanceOf(Post)
      expect(post.userId).toBe(user.id)
    }
    const { sql } = postsOfUsers.compile(db.engine.dialect)
    expect(sql).toMatch(/as ["`]entity_rows_users_id["`]/)
    expect(sql).toMatch(/as ["`]entity_rows_posts_id["`]/)
  })

  it('reads the same object for the same row: one User in every row of that user, the one the identity map holds', async () => {
    const ada = await session.get(User, 1)
    const rows = (await session.execute(postsOfUsers.orderBy(Post.c.id))).all()
    expect(rows[0][0]).toBe(ada)
    expect(rows[1][0]).toBe(ada)
    expect(rows[2][0]).not.toBe(ada)
    const [[post]] = (await session.execute(select(Post, User).join(User, User.c.id.eq(Post.c.userId)).where(Post.c.id.eq(20)))).all()
    expect(post).toBe(rows[2][1])
  })

  it('gives null for the outer side of a LEFT OUTER JOIN where nothing matched', async () => {
    const rows = (await session.execute(select(User, Post).leftJoin(Post, Post.c.userId.eq(User.c.id)).orderBy(User.c.id, Post.c.id))).all()
    expect(rows.map(([user, post]) => [user.name, post?.title ?? null])).toEqual([
      ['ada', 'a1'],
      ['ada', 'a2'],
      ['bob', 'b1'],
      ['cy', null],
    ])
    expect(rows[3][1]).toBeNull()
  })

  it('first(), one(), oneOrNone(), scalar() and scalars() read the tuples', async () => {
    const byTitle = (title: string) => postsOfUsers.where(Post.c.title.eq(title))
    const [user, post] = (await session.execute(byTitle('b1'))).one()
    expect([user.name, post.title]).toEqual(['bob', 'b1'])
    expect((await session.execute(byTitle('zz'))).first()).toBeUndefined()
    expect((await session.execute(byTitle('zz'))).oneOrNone()).toBeUndefined()
    await expect(session.execute(postsOfUsers).then((result) => result.one())).rejects.toThrow(/at most one row/)
    expect((await session.execute(byTitle('a2'))).scalar()).toBe(await session.get(User, 1))
    expect((await session.execute(postsOfUsers.orderBy(Post.c.id))).scalars().map((each) => each.name)).toEqual(['ada', 'ada', 'bob'])
    expect((await session.scalars(postsOfUsers.orderBy(Post.c.id))).map((each) => each.name)).toEqual(['ada', 'ada', 'bob'])
  })

  it('select(User) alone gives one-element tuples', async () => {
    const rows = (await session.execute(select(User).orderBy(User.c.id))).all()
    expect(rows.map((row) => row.length)).toEqual([1, 1, 1])
    expect(rows.map(([user]) => user.name)).toEqual(['ada', 'bob', 'cy'])
  })

  it('mixes an entity with an aggregate column: [User, number]', async () => {
    const statement = select(User, func.count(Post.c.id).label('n'))
      .leftJoin(Post, Post.c.userId.eq(User.c.id))
      .groupBy(User.c.id, User.c.name)
      .orderBy(User.c.id)
    const rows = (await session.execute(statement)).all()
    expect(rows.map(([user, n]) => [user.name, n])).toEqual([
      ['ada', 2],
      ['bob', 1],
      ['cy', 0],
    ])
    expect(rows[0][0]).toBeInstanceOf(User)
  })

  it('unique() drops repeated rows: by object identity for entities, by value for columns', async () => {
    const joined = (await session.execute(select(User).join(Post, Post.c.userId.eq(User.c.id)).orderBy(User.c.id))).all()
    expect(joined.map(([user]) => user.name)).toEqual(['ada', 'ada', 'bob'])
    const unique = (await session.execute(select(User).join(Post, Post.c.userId.eq(User.c.id)).orderBy(User.c.id))).unique().all()
    expect(unique.map(([user]) => user.name)).toEqual(['ada', 'bob'])
    const withTitles = (await session.execute(select(User, Post.c.title).join(Post, Post.c.userId.eq(User.c.id)).orderBy(Post.c.id))).unique().all()
    expect(withTitles).toHaveLength(3)
    const withNames = (await session.execute(select(Post.c.userId, User).join(User, User.c.id.eq(Post.c.userId)).orderBy(Post.c.id))).unique().all()
    expect(withNames.map(([userId, user]) => [userId, user.name])).toEqual([
      [1, 'ada'],
      [2, 'bob'],
    ])
  })

  it('requires unique() after joinedload of a collection, with an error that says how to fix it', async () => {
    const statement = select(User).options(joinedload('posts')).orderBy(User.c.id)
    const result = await session.execute(statement)
    expect(() => result.all()).toThrow(UniqueRequiredError)
    expect(() => result.first()).toThrow(/\.unique\(\)/)
    expect(() => [...result]).toThrow(/User\.posts/)
    const users = result.unique().scalars()
    expect(users.map((user) => [user.name, user.posts.map((post) => post.title)])).toEqual([
      ['ada', ['a1', 'a2']],
      ['bob', ['b1']],
      ['cy', []],
    ])
    // scalars() de-duplicates by itself, and a joined many-to-one repeats nothing.
    expect((await session.scalars(statement)).map((user) => user.name)).toEqual(['ada', 'bob', 'cy'])
    expect((await session.execute(select(Post).options(joinedload('author')).orderBy(Post.c.id))).all()).toHaveLength(3)
  })

  it('applies loader options to the first entity of the tuple', async () => {
    const log = new StatementLog(db.engine)
    try {
      const rows = (await session.execute(postsOfUsers.options(selectinload('posts')).orderBy(Post.c.id))).all()
      expect(log.count('select')).toBe(2)
      const [ada] = rows[0]
      expect(ada.posts.map((post) => post.title)).toEqual(['a1', 'a2'])
      // The tuple's Post objects are the ones in ada.posts: one identity map.
      expect(ada.posts[1]).toBe(rows[1][1])
      log.clear()
      const joinedRows = (await session.execute(select(User, Post).join(Post, Post.c.userId.eq(User.c.id)).options(joinedload('posts')).orderBy(Post.c.id))).unique().all()
      expect(log.count('select')).toBe(1)
      expect(joinedRows.map(([user, post]) => [user.name, post.title, user.posts.length])).toEqual([
        ['ada', 'a1', 2],
        ['ada', 'a2', 2],
        ['bob', 'b1', 1],
      ])
    } finally {
      log.dispose()
    }
  })

  it('applies subqueryload, joinedload under LIMIT, and loadOnly to the first entity of two', async () => {
    const bySubquery = (await session.execute(postsOfUsers.options(subqueryload('posts')).orderBy(Post.c.id))).all()
    expect(bySubquery.map(([user]) => user.posts.length)).toEqual([2, 2, 1])
    await session.close()
    // LIMIT counts the query's rows; the joined collection is read from the wrapped query.
    const limited = (await session.execute(postsOfUsers.options(joinedload('posts')).orderBy(Post.c.id).limit(2))).unique().all()
    expect(limited.map(([user, post]) => [user.name, post.title, user.posts.map((each) => each.title)])).toEqual([
      ['ada', 'a1', ['a1', 'a2']],
      ['ada', 'a2', ['a1', 'a2']],
    ])
    await session.close()
    const [[ada, post]] = (await session.execute(postsOfUsers.options(defer('name')).orderBy(Post.c.id).limit(1))).all()
    expect(() => ada.name).toThrow(NotLoadedError)
    expect(post.title).toBe('a1')
  })

  it('keeps plain Core clear: two columns keyed alike is still an error, unless one is labelled', () => {
    expect(() => select(users.c.id, posts.c.id)).toThrow(ArgumentError)
    expect(() => select(users.c.id, posts.c.id)).toThrow(/two result columns are keyed "id".*\.label/)
    expect(select(users.c.id, posts.c.id.label('postId')).node.columns.map((column) => column.key)).toEqual(['id', 'postId'])
    expect(() => select(User, posts)).toThrow(/next to a mapped class/)
  })
})
