/**
 * Athanor quickstart: a SQLite file database with users, posts and tags, built and queried with Core.
 * Run it with `npx pnpm@10 demo`.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  MetaData,
  and,
  boolean,
  deleteFrom,
  func,
  index,
  insert,
  integer,
  primaryKey,
  select,
  text,
  timestamp,
  update,
  varchar,
} from '@athanor/core'
import { createEngine } from '@athanor/dialects'

// 1. Describe the schema once; row types are inferred from it.
const metadata = new MetaData()

const users = metadata.table(
  'users',
  {
    id: integer().primaryKey(),
    name: varchar(50).notNull(),
    email: varchar(100).notNull().unique(),
    age: integer(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp().notNull().serverDefault(func.now()),
  },
  (t) => [index('ix_users_name').on(t.name)],
)

const posts = metadata.table('posts', {
  id: integer().primaryKey(),
  userId: integer().notNull().references(() => users.c.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  views: integer().notNull().default(0),
})

const tags = metadata.table('tags', { id: integer().primaryKey(), name: varchar(30).notNull().unique() })

const postTags = metadata.table(
  'post_tags',
  {
    postId: integer().notNull().references(() => posts.c.id, { onDelete: 'cascade' }),
    tagId: integer().notNull().references(() => tags.c.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey(t.postId, t.tagId)],
)

async function main(): Promise<void> {
  const file = join(__dirname, 'quickstart.db')
  rmSync(file, { force: true })
  rmSync(`${file}-wal`, { force: true })
  rmSync(`${file}-shm`, { force: true })

  // 2. An engine for a SQLite file (relative to the current directory; four slashes for an absolute path).
  const engine = createEngine(`sqlite:///${file}`)
  await metadata.createAll(engine)

  // 3. Insert in one transaction: engine.begin commits, or rolls back if anything throws.
  await engine.begin(async (connection) => {
    const created = await connection.execute(
      insert(users)
        .values([
          { name: 'Ada Lovelace', email: 'ada@example.com', age: 36 },
          { name: 'Alan Turing', email: 'alan@example.com', age: 41 },
          { name: 'Grace Hopper', email: 'grace@example.com' },
        ])
        .returning(users.c.id, users.c.name),
    )
    console.log('Inserted users:', created.all())
    await connection.execute(
      insert(posts).values([
        { userId: 1, title: 'Notes on the Analytical Engine', views: 120 },
        { userId: 1, title: 'On Bernoulli numbers', views: 45 },
        { userId: 2, title: 'Computing Machinery and Intelligence', views: 300 },
      ]),
    )
    await connection.execute(insert(tags).values([{ name: 'history' }, { name: 'math' }]))
    await connection.execute(insert(postTags).values([{ postId: 1, tagId: 1 }, { postId: 2, tagId: 2 }, { postId: 3, tagId: 1 }]))
  })

  // 4. Query. The connection works "commit as you go", as in SQLAlchemy 2.0.
  const connection = await engine.connect()
  try {
    const perAuthor = await connection.execute(
      select({ author: users.c.name, posts: func.count(posts.c.id), views: func.sum(posts.c.views) })
        .from(users)
        .leftJoin(posts, posts.c.userId.eq(users.c.id))
        .groupBy(users.c.id, users.c.name)
        .orderBy(users.c.name),
    )
    console.log('\nPosts and views per author (join + aggregate):')
    console.table(perAuthor.all())

    const tagged = await connection.execute(
      select(posts.c.title, tags.c.name.label('tag'))
        .join(postTags, postTags.c.postId.eq(posts.c.id))
        .join(tags, tags.c.id.eq(postTags.c.tagId))
        .where(and(tags.c.name.eq('history'), posts.c.views.gt(100)))
        .orderBy(posts.c.views.desc()),
    )
    console.log('Popular history posts:', tagged.all())

    // 5. Update with an expression, then delete; rowCount is the number of rows matched.
    const bumped = await connection.execute(update(posts).where(posts.c.userId.eq(1)).values({ views: posts.c.views.add(1) }))
    console.log(`\nBumped views on ${bumped.rowCount} posts`)
    const removed = await connection.execute(deleteFrom(users).where(users.c.age.isNull()).returning(users.c.email))
    console.log('Deleted users without an age:', removed.scalars())
    await connection.commit()

    // 6. Plain SQL with named, bound parameters (values never become SQL text).
    const hostile = "'); DROP TABLE users; --"
    const viaText = await connection.execute(text('select name, age from users where age >= :minAge or name = :name order by age'), { minAge: 40, name: hostile })
    console.log('\ntext() query:', viaText.all())
    const stillThere = await connection.execute(select({ users: func.count() }).from(users))
    console.log('Users left (the hostile value was only data):', stillThere.scalar())
  } finally {
    await connection.close()
    await engine.dispose()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
