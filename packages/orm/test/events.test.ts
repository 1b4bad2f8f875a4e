import { MetaData, integer, select, varchar } from '@athanor/core'
import { Model, Session, listen, mapper, relationship } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'

const metadata = new MetaData()
const users = metadata.table('orm2_events_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  slug: varchar(50),
})
const posts = metadata.table('orm2_events_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id),
  title: varchar(100).notNull(),
})

class User extends Model(users) {
  declare posts: Post[]
}
class Post extends Model(posts, { optional: ['userId'] }) {
  declare user: User | null
}
mapper(User, { posts: relationship(() => Post, { backPopulates: 'user', cascade: 'all' }) })
mapper(Post, { user: relationship(() => User, { backPopulates: 'posts' }) })

const fired: string[] = []
listen(User, 'set', 'email', (_user, value) => value.trim().toLowerCase())
listen(User, 'beforeInsert', (user, context) => {
  fired.push(`${context.event} User ${user.name}`)
  user.slug = user.name.toLowerCase() // changed before it is written
})
listen(User, 'beforeUpdate', (user) => {
  fired.push(`beforeUpdate User ${user.name}`)
  user.slug = user.name.toLowerCase()
})
for (const event of ['afterInsert', 'afterUpdate', 'beforeDelete', 'afterDelete'] as const) listen(User, event, (user) => void fired.push(`${event} User ${user.name}`))
for (const event of ['beforeInsert', 'afterInsert', 'beforeUpdate', 'afterUpdate', 'beforeDelete', 'afterDelete'] as const) listen(Post, event, (post) => void fired.push(`${event} Post ${post.title}`))

describeEachDialect('ORM: events', { metadata }, (db) => {
  beforeEach(() => {
    fired.length = 0
  })

  function watch(session: Session): void {
    for (const event of ['beforeFlush', 'afterFlush', 'beforeCommit', 'afterCommit', 'afterRollback'] as const) session.on(event, () => void fired.push(event))
  }

  it('fires session and mapper events in the documented order; before-listeners change what is written', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    watch(session)
    const ada = new User({ id: 1, name: 'Ada', email: '  ADA@Example.COM ' })
    expect(ada.email).toBe('ada@example.com') // the set listener ran in the constructor
    ada.posts.push(new Post({ id: 1, title: 'first' }), new Post({ id: 2, title: 'second' }))
    session.add(ada)
    await session.commit()
    expect(fired).toEqual([
      'beforeCommit',
      'beforeFlush',
      'beforeInsert User Ada',
      'beforeInsert Post first',
      'beforeInsert Post second',
      'afterInsert User Ada',
      'afterInsert Post first',
      'afterInsert Post second',
      'afterFlush',
      'afterCommit',
    ])
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select(users.c.slug, users.c.email).where(users.c.id.eq(1)))).first()).toEqual({ slug: 'ada', email: 'ada@example.com' })
    } finally {
      await connection.close()
    }

    fired.length = 0
    ada.name = 'Ada L'
    ada.email = 'ADA.L@EXAMPLE.COM'
    expect(ada.email).toBe('ada.l@example.com')
    await session.flush()
    expect(fired).toEqual(['beforeFlush', 'beforeUpdate User Ada L', 'afterUpdate User Ada L', 'afterFlush'])
    expect(ada.slug).toBe('ada l')

    fired.length = 0
    session.delete(ada) // cascades to the posts
    await session.flush()
    expect(fired).toEqual(['beforeFlush', 'beforeDelete Post first', 'beforeDelete Post second', 'beforeDelete User Ada L', 'afterDelete Post first', 'afterDelete Post second', 'afterDelete User Ada L', 'afterFlush'])

    fired.length = 0
    await session.rollback()
    expect(fired).toEqual(['afterRollback'])
    await session.flush() // nothing to write: no flush events
    expect(fired).toEqual(['afterRollback'])
  })

  it('a before-listener that throws fails the flush before anything is written', async () => {
    await using session = new Session(db.engine)
    const stop = listen(Post, 'beforeInsert', () => {
      throw new Error('refused')
    })
    try {
      session.add(new User({ id: 2, name: 'Bob', email: 'bob@example.com', posts: [new Post({ id: 3, title: 'x' })] } as never))
      await expect(session.flush()).rejects.toThrow('refused')
    } finally {
      stop()
    }
    await session.rollback()
    const connection = await db.engine.connect()
    try {
      expect((await connection.execute(select(users.c.id).where(users.c.id.eq(2)))).all()).toEqual([])
    } finally {
      await connection.close()
    }
  })
})
