import { type AnyColumn, type Engine, type Executable, integer, select, varchar } from '@athanor/core'
import { Model, Session, inspect, mapper, relationship } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'
import { StatementLog } from './support/statement-log'

const blog = defineBlog('orm_rel')
const { User, Post, Tag, Category, Bookmark, posts, postTags, categories, bookmarks } = blog

// A second model on the same metadata: one-to-one, two foreign keys to one table, rows pointing at each other.
const people = blog.metadata.table('orm_rel_people', {
  id: integer().primaryKey(),
  name: varchar(30).notNull(),
  bestFriendId: integer().references((): AnyColumn => people.c.id),
})
const profiles = blog.metadata.table('orm_rel_profiles', {
  id: integer().primaryKey(),
  personId: integer()
    .notNull()
    .unique()
    .references(() => people.c.id),
  bio: varchar(100),
})
const memos = blog.metadata.table('orm_rel_memos', {
  id: integer().primaryKey(),
  authorId: integer()
    .notNull()
    .references(() => people.c.id),
  reviewerId: integer().references(() => people.c.id),
  text: varchar(100).notNull(),
})
class Person extends Model(people) {
  declare profile: Profile | null
  declare bestFriend: Person | null
  declare written: Memo[]
  declare reviewing: Memo[]
}
class Profile extends Model(profiles, { optional: ['personId'] }) {
  declare person: Person | null
}
class Memo extends Model(memos, { optional: ['authorId'] }) {
  declare author: Person | null
  declare reviewer: Person | null
}
mapper(Person, {
  profile: relationship(() => Profile, { backPopulates: 'person', uselist: false, cascade: 'all, delete-orphan' }),
  bestFriend: relationship(() => Person, { remoteSide: people.c.id }),
  written: relationship(() => Memo, { foreignKeys: [memos.c.authorId], backPopulates: 'author' }),
  reviewing: relationship(() => Memo, { foreignKeys: [memos.c.reviewerId], backPopulates: 'reviewer' }),
})
mapper(Profile, { person: relationship(() => Person, { backPopulates: 'profile' }) })
mapper(Memo, {
  author: relationship(() => Person, { foreignKeys: [memos.c.authorId], backPopulates: 'written' }),
  reviewer: relationship(() => Person, { foreignKeys: [memos.c.reviewerId], backPopulates: 'reviewing' }),
})

async function rows<Row>(engine: Engine, statement: Executable<Row>): Promise<Row[]> {
  const connection = await engine.connect()
  try {
    return (await connection.execute(statement)).all()
  } finally {
    await connection.close()
  }
}

describeEachDialect('ORM: relationships', { metadata: blog.metadata }, (db) => {
  it('many-to-one and one-to-many stay in sync in memory; moving a child moves its row', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const ada = new User({ name: 'rel ada', email: 'rel.ada@example.com' })
    const bob = new User({ name: 'rel bob', email: 'rel.bob@example.com' })
    const post = new Post({ title: 'wandering' })
    post.author = ada
    expect(ada.posts).toEqual([post])
    session.addAll([ada, bob])
    await session.commit()
    expect(post.authorId).toBe(ada.id)

    post.author = bob
    expect(ada.posts).toEqual([])
    expect(bob.posts).toEqual([post])
    await session.commit()
    expect(await rows(db.engine, select(posts.c.authorId).where(posts.c.id.eq(post.id)))).toEqual([{ authorId: bob.id }])

    bob.posts.pop()
    expect(post.author).toBeNull()
    ada.posts.push(post)
    expect(post.author).toBe(ada)
    await session.commit()
    expect(await rows(db.engine, select(posts.c.authorId).where(posts.c.id.eq(post.id)))).toEqual([{ authorId: ada.id }])

    // From a fresh session, each side loads the other.
    await using other = new Session(db.engine)
    const loaded = (await other.get(Post, post.id)) as InstanceType<typeof Post>
    await other.refresh(loaded, ['author'])
    expect(loaded.author?.name).toBe('rel ada')
  })

  it('one-to-one: scalar on both sides; a replaced profile is un-linked and, with delete-orphan, deleted', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const person = new Person({ name: 'solo' })
    const first = new Profile({ bio: 'first' })
    person.profile = first
    expect(first.person).toBe(person)
    session.add(person)
    await session.commit()
    expect(first.personId).toBe(person.id)

    const second = new Profile({ bio: 'second' })
    person.profile = second
    expect(first.person).toBeNull()
    expect(second.person).toBe(person)
    await session.commit()
    expect(inspect(first).status).toBe('detached')
    expect(await rows(db.engine, select(profiles.c.bio).where(profiles.c.personId.eq(person.id)))).toEqual([{ bio: 'second' }])

    await using other = new Session(db.engine)
    const loaded = (await other.get(Person, person.id)) as Person
    await other.refresh(loaded, ['profile'])
    expect(loaded.profile?.bio).toBe('second')
    expect(Array.isArray(loaded.profile)).toBe(false)
  })

  it('many-to-many through a secondary table: both sides in sync, association rows added and removed', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const author = new User({ name: 'm2m', email: 'm2m@example.com' })
    const [sql, orm, ts] = ['m2m sql', 'm2m orm', 'm2m ts'].map((name) => new Tag({ name }))
    const post = new Post({ title: 'tagged' })
    author.posts.push(post)
    post.tags.push(sql, orm)
    ts.posts.push(post) // from the other side
    expect(post.tags).toEqual([sql, orm, ts])
    expect(orm.posts).toEqual([post])
    session.add(author)
    await session.commit()
    const tagIds = async () => (await rows(db.engine, select(postTags.c.tagId).where(postTags.c.postId.eq(post.id)))).map((row) => row.tagId).sort((a, b) => a - b)
    expect(await tagIds()).toEqual([sql.id, orm.id, ts.id].sort((a, b) => a - b))

    post.tags.splice(post.tags.indexOf(orm), 1)
    expect(orm.posts).toEqual([])
    sql.posts.splice(0, 1) // removed from the other side
    expect(post.tags).toEqual([ts])
    await session.commit()
    expect(await tagIds()).toEqual([ts.id])

    await using other = new Session(db.engine)
    const loaded = (await other.get(Post, post.id)) as InstanceType<typeof Post>
    await other.refresh(loaded, ['tags'])
    expect(loaded.tags.map((tag) => tag.name)).toEqual(['m2m ts'])
  })

  it('self-referential tree: parent and children in sync, inserted one level per INSERT, deleted children first', async () => {
    const log = new StatementLog(db.engine)
    try {
      await using session = new Session(db.engine, { expireOnCommit: false })
      const root = new Category({ name: 'tree root' })
      const levelOne = ['a', 'b'].map((name) => new Category({ name: `tree ${name}` }))
      root.children.push(...levelOne)
      const leaves = ['a1', 'a2', 'b1'].map((name) => new Category({ name: `tree ${name}` }))
      leaves[0].parent = levelOne[0]
      leaves[1].parent = levelOne[0]
      levelOne[1].children.push(leaves[2])
      expect(levelOne[0].children).toEqual([leaves[0], leaves[1]])
      session.add(root)
      log.clear()
      await session.commit()
      expect(log.count('insert')).toBe(3)
      const tree = await rows(db.engine, select(categories.c.id, categories.c.parentId, categories.c.name).where(categories.c.name.like('tree %')))
      const parentOf = (name: string) => tree.find((row) => row.id === tree.find((other) => other.name === name)?.parentId)?.name
      expect(['tree a', 'tree b', 'tree a1', 'tree a2', 'tree b1'].map(parentOf)).toEqual(['tree root', 'tree root', 'tree a', 'tree a', 'tree b'])

      leaves[2].parent = levelOne[0] // re-parent
      expect(levelOne[1].children).toEqual([])
      await session.commit()
      session.delete(levelOne[0]) // delete cascade over children: leaves go first
      log.clear()
      await session.commit()
      expect(log.count('delete')).toBe(2)
      expect((await rows(db.engine, select(categories.c.name).where(categories.c.name.like('tree %')))).map((row) => row.name).sort()).toEqual(['tree b', 'tree root'])
    } finally {
      log.dispose()
    }
  })

  it('an association object with its own columns links users and posts from both sides', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const reader = new User({ name: 'reader', email: 'reader@example.com' })
    const writer = new User({ name: 'writer', email: 'writer@example.com' })
    const post = new Post({ title: 'worth keeping' })
    writer.posts.push(post)
    const bookmark = new Bookmark({ note: 'page 3' })
    bookmark.post = post
    reader.bookmarks.push(bookmark)
    expect(post.bookmarks).toEqual([bookmark])
    expect(bookmark.user).toBe(reader)
    session.addAll([reader, writer])
    await session.commit()
    expect(await rows(db.engine, select(bookmarks.c.note).where(bookmarks.c.userId.eq(reader.id), bookmarks.c.postId.eq(post.id)))).toEqual([{ note: 'page 3' }])

    bookmark.note = 'page 4'
    await session.commit()
    expect(await rows(db.engine, select(bookmarks.c.note).where(bookmarks.c.userId.eq(reader.id)))).toEqual([{ note: 'page 4' }])
    reader.bookmarks.pop() // an orphan of User.bookmarks (delete-orphan), though post.bookmarks still holds it
    expect(bookmark.user).toBeNull()
    await session.commit()
    expect(inspect(bookmark).status).toBe('detached')
    expect(await rows(db.engine, select(bookmarks.c.note).where(bookmarks.c.userId.eq(reader.id)))).toEqual([])
  })

  it('foreignKeys chooses between two foreign keys to the same table', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const author = new Person({ name: 'author' })
    const reviewer = new Person({ name: 'reviewer' })
    const memo = new Memo({ text: 'please review' })
    author.written.push(memo)
    memo.reviewer = reviewer
    expect(reviewer.reviewing).toEqual([memo])
    expect(author.reviewing).toEqual([])
    session.addAll([author, reviewer])
    await session.commit()
    expect(await rows(db.engine, select(memos.c.authorId, memos.c.reviewerId).where(memos.c.id.eq(memo.id)))).toEqual([{ authorId: author.id, reviewerId: reviewer.id }])
  })

  it('rows that point at each other are inserted with a post-update, and deleted after clearing one key', async () => {
    const log = new StatementLog(db.engine)
    try {
      await using session = new Session(db.engine, { expireOnCommit: false })
      const castor = new Person({ name: 'castor' })
      const pollux = new Person({ name: 'pollux' })
      castor.bestFriend = pollux
      pollux.bestFriend = castor
      session.addAll([castor, pollux])
      log.clear()
      await session.commit()
      expect(log.count('insert')).toBeLessThanOrEqual(2)
      expect(log.count('update')).toBe(1)
      expect(await rows(db.engine, select(people.c.name, people.c.bestFriendId).where(people.c.id.in([castor.id, pollux.id])).orderBy(people.c.name))).toEqual([
        { name: 'castor', bestFriendId: pollux.id },
        { name: 'pollux', bestFriendId: castor.id },
      ])
      session.delete(castor)
      session.delete(pollux)
      await session.commit()
      expect(await rows(db.engine, select(people.c.id).where(people.c.id.in([castor.id, pollux.id])))).toEqual([])
    } finally {
      log.dispose()
    }
  })

  it('relationship attributes check what they are given', () => {
    const post = new Post({ title: 'strict' })
    expect(() => {
      post.author = new Tag({ name: 'not a user' }) as never
    }).toThrow(/Post\.author holds User objects, not Tag/)
    expect(() => {
      post.tags = 'sql' as never
    }).toThrow(/Post\.tags takes an array of Tag/)
  })
})
