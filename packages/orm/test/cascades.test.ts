import { type AnyTable, type Engine, type Executable, func, insert, integer, select, varchar } from '@athanor/core'
import { Model, NotLoadedError, Session, inspect, mapper, relationship } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { defineBlog } from './support/blog-schema'
import { StatementLog } from './support/statement-log'

const blog = defineBlog('orm_casc')
const { User, Post, Comment, Tag, Category, users, posts, comments, postTags, bookmarks } = blog

// passiveDeletes: the database's ON DELETE CASCADE removes the children.
const passive = blog.metadata
const folders = passive.table('orm_casc_folders', { id: integer().primaryKey(), name: varchar(30).notNull() })
const files = passive.table('orm_casc_files', {
  id: integer().primaryKey(),
  folderId: integer()
    .notNull()
    .references(() => folders.c.id, { onDelete: 'cascade' }),
  name: varchar(30).notNull(),
})
class Folder extends Model(folders) {
  declare files: File[]
}
class File extends Model(files, { optional: ['folderId'] }) {}
mapper(Folder, { files: relationship(() => File, { cascade: 'all, delete-orphan', passiveDeletes: true }) })

async function countRows(engine: Engine, table: AnyTable): Promise<number> {
  const connection = await engine.connect()
  try {
    return Number((await connection.execute(select({ n: func.count() }).from(table))).scalar())
  } finally {
    await connection.close()
  }
}

async function idsOf(engine: Engine, statement: Executable<{ id: number }>): Promise<number[]> {
  const connection = await engine.connect()
  try {
    return ((await connection.execute(statement)).scalars() as number[]).sort((a, b) => a - b)
  } finally {
    await connection.close()
  }
}

describeEachDialect('ORM: cascades', { metadata: blog.metadata }, (db) => {
  // Two users, each with two posts with comments by both, tags and bookmarks both ways.
  async function seed(prefix: string): Promise<{ ada: number; bob: number }> {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const ada = new User({ name: `${prefix} ada`, email: `${prefix}.ada@example.com` })
    const bob = new User({ name: `${prefix} bob`, email: `${prefix}.bob@example.com` })
    const tag = new Tag({ name: `${prefix} tag` })
    for (const [author, other] of [
      [ada, bob],
      [bob, ada],
    ]) {
      for (const title of ['one', 'two']) {
        const post = new Post({ title: `${author.name} ${title}` })
        post.tags.push(tag)
        const mine = new Comment({ body: 'mine' })
        mine.author = author
        const theirs = new Comment({ body: 'theirs' })
        theirs.author = other
        post.comments.push(mine, theirs)
        author.posts.push(post)
      }
    }
    session.addAll([ada, bob])
    await session.flush()
    const bookmark = (user: InstanceType<typeof User>, post: InstanceType<typeof Post>) => {
      const created = new blog.Bookmark({})
      created.post = post
      user.bookmarks.push(created)
    }
    bookmark(ada, bob.posts[0])
    bookmark(bob, ada.posts[0])
    await session.commit()
    return { ada: ada.id, bob: bob.id }
  }

  it('save-update: adding a parent adds what it reaches, and objects linked later join too', async () => {
    await using session = new Session(db.engine)
    const ada = new User({ name: 'su ada', email: 'su.ada@example.com' })
    const post = new Post({ title: 'reached' })
    const tag = new Tag({ name: 'su tag' })
    post.tags.push(tag)
    ada.posts.push(post)
    session.add(ada)
    expect([ada, post, tag].map((object) => session.contains(object))).toEqual([true, true, true])
    const late = new Post({ title: 'appended after add' })
    ada.posts.push(late)
    expect(session.contains(late)).toBe(true)
    const viaManyToOne = new Post({ title: 'linked from the child side' })
    viaManyToOne.author = ada // backPopulates appends it to ada.posts, which cascades
    expect(session.contains(viaManyToOne)).toBe(true)
    await session.flush()
    expect([post, late, viaManyToOne].map((p) => p.authorId)).toEqual([ada.id, ada.id, ada.id])
    await session.rollback()
  })

  it('delete: a deleted user takes its posts, their comments, tag links and bookmarks — and nothing else', async () => {
    const ids = await seed('del')
    const before = { posts: await countRows(db.engine, posts), comments: await countRows(db.engine, comments), postTags: await countRows(db.engine, postTags), bookmarks: await countRows(db.engine, bookmarks) }
    const bobPosts = await idsOf(db.engine, select(posts.c.id).where(posts.c.authorId.eq(ids.bob)))
    const bobPostComments = await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.in(bobPosts)))

    await using session = new Session(db.engine)
    const ada = (await session.get(User, ids.ada)) as InstanceType<typeof User>
    session.delete(ada) // nothing of ada's is loaded: the cascade loads what it must delete
    await session.commit()

    expect(await countRows(db.engine, posts)).toBe(before.posts - 2)
    expect(await countRows(db.engine, comments)).toBe(before.comments - 4)
    expect(await countRows(db.engine, postTags)).toBe(before.postTags - 2)
    expect(await countRows(db.engine, bookmarks)).toBe(before.bookmarks - 2)
    expect(await idsOf(db.engine, select(posts.c.id).where(posts.c.authorId.eq(ids.bob)))).toEqual(bobPosts)
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.in(bobPosts)))).toEqual(bobPostComments)
    // ada's comments on bob's posts are not hers to delete (no delete cascade): un-linked instead.
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.authorId.eq(ids.ada)))).toEqual([])
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.in(bobPosts), comments.c.authorId.isNull()))).toHaveLength(2)
  })

  it('delete-orphan: a comment removed from its post is deleted; one moved to another post is not', async () => {
    const ids = await seed('orph')
    await using session = new Session(db.engine, { expireOnCommit: false })
    const ada = (await session.get(User, ids.ada)) as InstanceType<typeof User>
    await session.refresh(ada, ['posts'])
    const [first, second] = ada.posts
    await session.refresh(first, ['comments'])
    await session.refresh(second, ['comments'])
    const [removed, moved] = first.comments
    const untouched = second.comments.map((comment) => comment.id)
    first.comments.splice(0, 2)
    second.comments.push(moved)
    const neverSaved = new Comment({ body: 'added and removed before any flush' })
    second.comments.push(neverSaved)
    second.comments.pop()
    await session.commit()

    expect(inspect(removed).status).toBe('detached')
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.id.eq(removed.id)))).toEqual([])
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.eq(second.id)))).toEqual([...untouched, moved.id].sort((a, b) => a - b))
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.eq(first.id)))).toEqual([])
    expect(inspect(neverSaved).status).toBe('transient')
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.body.eq('added and removed before any flush')))).toEqual([])

    // Replacing the whole collection orphans what is not in the new array.
    const [keep, drop] = second.comments
    second.comments = [keep]
    await session.commit()
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.postId.eq(second.id)))).toEqual([keep.id])
    expect(await idsOf(db.engine, select(comments.c.id).where(comments.c.id.eq(drop.id)))).toEqual([])
  })

  it('without delete cascade, deleting a parent un-links its children (loaded or not)', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const root = new Category({ name: 'unlink root' })
    const post = new Post({ title: 'categorised' })
    post.category = root
    const author = new User({ name: 'unlink', email: 'unlink@example.com' })
    author.posts.push(post)
    session.addAll([author, root])
    await session.commit()
    session.delete(root)
    await session.commit()
    expect(post.categoryId).toBeNull()
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select(posts.c.categoryId).where(posts.c.id.eq(post.id)))).scalar()).toBeNull()
    } finally {
      await connection.close()
    }
  })

  it('passiveDeletes leaves unloaded children to ON DELETE CASCADE: no query loads them', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(folders).values([{ id: 1, name: 'keep' }, { id: 2, name: 'drop' }]))
      await connection.execute(insert(files).values([{ id: 1, folderId: 1, name: 'a' }, { id: 2, folderId: 2, name: 'b' }, { id: 3, folderId: 2, name: 'c' }]))
    })
    const log = new StatementLog(db.engine)
    try {
      await using session = new Session(db.engine)
      const folder = (await session.get(Folder, 2)) as Folder
      log.clear()
      session.delete(folder)
      await session.commit()
      expect(log.dataStatements).toEqual([expect.stringMatching(/^delete from \S*orm_casc_folders/)])
    } finally {
      log.dispose()
    }
    expect(await countRows(db.engine, files)).toBe(1)
  })

  it('merge: copies a detached graph onto the session, with merge cascade to loaded relationships', async () => {
    const ids = await seed('merge')
    await using first = new Session(db.engine, { expireOnCommit: false })
    const detached = (await first.get(User, ids.bob)) as InstanceType<typeof User>
    await first.refresh(detached, ['posts'])
    await first.close() // detached now
    expect(inspect(detached).status).toBe('detached')
    detached.name = 'merge bob renamed'
    detached.posts.push(new Post({ title: 'written while detached' }))

    await using second = new Session(db.engine, { expireOnCommit: false })
    const attached = await second.merge(detached)
    expect(attached).not.toBe(detached)
    expect(attached.name).toBe('merge bob renamed')
    expect(attached.posts.map((post) => post.title)).toContain('written while detached')
    await second.commit()
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select(users.c.name).where(users.c.id.eq(ids.bob)))).scalar()).toBe('merge bob renamed')
      expect((await connection.execute(select({ n: func.count() }).from(posts).where(posts.c.authorId.eq(ids.bob)))).scalar()).toBe(3)
    } finally {
      await connection.close()
    }
  })

  it('expire cascades through "all" (refresh-expire) to the loaded posts', async () => {
    const ids = await seed('expire')
    await using session = new Session(db.engine)
    const ada = (await session.get(User, ids.ada)) as InstanceType<typeof User>
    await session.refresh(ada, ['posts'])
    const post = ada.posts[0]
    session.expire(ada)
    expect(() => ada.name).toThrow(NotLoadedError)
    expect(() => ada.posts).toThrow(NotLoadedError)
    expect(() => post.title).toThrow(NotLoadedError)
    await session.refresh(post)
    expect(post.title).toBe('expire ada one')
  })

  it('expunge cascades through "all": the user and its loaded posts leave the session', async () => {
    const ids = await seed('expunge')
    await using session = new Session(db.engine)
    const ada = (await session.get(User, ids.ada)) as InstanceType<typeof User>
    await session.refresh(ada, ['posts'])
    session.expunge(ada)
    expect([ada, ...ada.posts].map((object) => session.contains(object))).toEqual([false, false, false])
    expect(await session.get(User, ids.ada)).not.toBe(ada)
  })
})
