import { MetaData, func, integer, select, varchar } from '@athanor/core'
import { Model, Session, mapper, relationship } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const users = metadata.table('orm_counts_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  karma: integer().notNull().default(0),
})
const posts = metadata.table('orm_counts_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id, { onDelete: 'cascade' }),
  title: varchar(100).notNull(),
})

class User extends Model(users) {
  declare posts: Post[]
}
class Post extends Model(posts, { optional: ['userId'] }) {
  declare user: User | null
}
mapper(User, { posts: relationship(() => Post, { backPopulates: 'user', cascade: 'all, delete-orphan' }) })
mapper(Post, { user: relationship(() => User, { backPopulates: 'posts' }) })

describeEachDialect('ORM: statement counts (afterExecute)', { metadata }, (db) => {
  let log: StatementLog
  beforeEach(() => {
    log = new StatementLog(db.engine)
  })
  afterEach(() => log.dispose())

  it('flushes 1,000 new users with 2 posts each in a handful of multi-row INSERTs, keys read back correctly', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const created: User[] = []
    for (let index = 0; index < 1000; index++) {
      const user = new User({ name: `user ${index}`, email: `user${index}@example.com` })
      user.posts.push(new Post({ title: `post ${index}.1` }), new Post({ title: `post ${index}.2` }))
      created.push(user)
    }
    session.addAll(created)
    log.clear()
    await session.commit()

    const inserts = log.count('insert')
    expect(inserts).toBeLessThanOrEqual(4)
    expect(inserts).toBe(2) // one for the users, one for the posts, on every dialect here
    expect(log.count('update') + log.count('select')).toBe(0)
    // Every object got its own row's key, and every post points at its own user.
    expect(new Set(created.map((user) => user.id)).size).toBe(1000)
    const connection = await db.engine.connect()
    try {
      const rows = (await connection.execute(select({ name: users.c.name, title: posts.c.title }).from(users).join(posts, posts.c.userId.eq(users.c.id)))).all()
      expect(rows).toHaveLength(2000)
      for (const row of rows) expect(row.title.startsWith(`post ${row.name.slice(5)}.`)).toBe(true)
      const byId = (await connection.execute(select(users.c.id, users.c.name).where(users.c.id.in(created.slice(0, 50).map((user) => user.id))))).all()
      for (const row of byId) expect(created.find((user) => user.id === row.id)?.name).toBe(row.name)
    } finally {
      await connection.close()
    }
    expect(created[999].posts.every((post) => post.userId === created[999].id)).toBe(true)
    expect(created[0].karma).toBe(0) // the client default, written and kept
  })

  it('one changed attribute issues one UPDATE of that one column', async () => {
    await using session = new Session(db.engine)
    const user = (await session.scalars(select(User).where(User.c.name.eq('user 7'))))[0]
    log.clear()
    user.name = 'user seven'
    await session.flush()
    expect(log.dataStatements).toHaveLength(1)
    const [sql] = log.matching('update')
    expect(sql).toMatch(/^update \S+ set \S*name\S* = \S+ where /)
    expect(sql.slice(0, sql.indexOf(' where '))).not.toContain(',')
    await session.commit()
  })

  it('an unchanged session issues nothing, and no-op writes are not changes', async () => {
    await using session = new Session(db.engine)
    const loaded = await session.scalars(select(User).where(User.c.name.like('user 1%')).orderBy(User.c.id).limit(20))
    log.clear()
    await session.flush()
    expect(log.statements).toEqual([])
    for (const user of loaded) {
      const email = user.email
      user.name = user.name // the same value
      user.email = 'changed'
      user.email = email // and back to the loaded value
    }
    expect(session.dirty).toEqual([])
    await session.flush()
    expect(log.statements).toEqual([])
  })

  it('deletes 1,000 users and their 2,000 posts in one DELETE per table', async () => {
    await using session = new Session(db.engine)
    const loaded = await session.scalars(select(User).where(User.c.name.like('user %')))
    expect(loaded).toHaveLength(1000)
    // The posts, loaded for the delete cascade with one query per batch of users.
    log.clear()
    for (const user of loaded) session.delete(user)
    await session.flush()
    expect(log.count('select')).toBe(1)
    expect(log.count('delete')).toBe(2)
    expect(log.count('update')).toBe(0)
    await session.commit()
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select({ n: func.count() }).from(posts))).scalar()).toBe(0)
    } finally {
      await connection.close()
    }
  })
})
