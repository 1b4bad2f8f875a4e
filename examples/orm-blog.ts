/**
 * A tour of the Athanor ORM on SQLite in memory: mapped classes, the Session, relationships,
 * cascades, explicit loading and rollback. Run it with `npx tsx examples/orm-blog.ts`.
 */
import { type AnyColumn, MetaData, func, integer, primaryKey, select, text, timestamp, varchar } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { Model, NotLoadedError, Session, inspect, mapper, relationship } from '@athanor/orm'

// 1. Tables, as in Core. The ORM adds nothing to them.
const metadata = new MetaData()
const users = metadata.table('users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull().unique(),
  createdAt: timestamp().notNull().serverDefault(func.now()),
})
const categories = metadata.table('categories', {
  id: integer().primaryKey(),
  parentId: integer().references((): AnyColumn => categories.c.id),
  name: varchar(50).notNull(),
})
const posts = metadata.table('posts', {
  id: integer().primaryKey(),
  authorId: integer().notNull().references(() => users.c.id, { onDelete: 'cascade' }),
  categoryId: integer().references(() => categories.c.id),
  title: varchar(200).notNull(),
  body: text(),
})
const tags = metadata.table('tags', { id: integer().primaryKey(), name: varchar(30).notNull().unique() })
const postTags = metadata.table(
  'post_tags',
  { postId: integer().notNull().references(() => posts.c.id, { onDelete: 'cascade' }), tagId: integer().notNull().references(() => tags.c.id) },
  (t) => [primaryKey(t.postId, t.tagId)],
)

// 2. Classes: columns come typed from the table; relationships are declared, methods are yours.
class User extends Model(users) {
  declare posts: Post[]
  get label(): string {
    return `${this.name} <${this.email}>`
  }
}
class Post extends Model(posts, { optional: ['authorId'] }) {
  declare author: User | null
  declare tags: Tag[]
  declare category: Category | null
}
class Tag extends Model(tags) {
  declare posts: Post[]
}
class Category extends Model(categories) {
  declare parent: Category | null
  declare children: Category[]
}

// 3. Relationships: joins inferred from the foreign keys; targets are thunks, so order does not matter.
mapper(User, { posts: relationship(() => Post, { backPopulates: 'author', cascade: 'all, delete-orphan', orderBy: posts.c.id }) })
mapper(Post, {
  author: relationship(() => User, { backPopulates: 'posts' }),
  tags: relationship(() => Tag, { secondary: postTags, backPopulates: 'posts', orderBy: tags.c.name }),
  category: relationship(() => Category),
})
mapper(Tag, { posts: relationship(() => Post, { secondary: postTags, backPopulates: 'tags' }) })
mapper(Category, {
  parent: relationship(() => Category, { backPopulates: 'children', remoteSide: categories.c.id }),
  children: relationship(() => Category, { backPopulates: 'parent', cascade: 'all' }),
})

async function main(): Promise<void> {
  const engine = createEngine('sqlite::memory:')
  const statements: string[] = []
  engine.on('afterExecute', (event) => statements.push(event.sql))
  await metadata.createAll(engine)

  // 4. Build objects in memory; backPopulates keeps both sides in step.
  {
    await using session = new Session(engine)
    const ada = new User({ name: 'Ada', email: 'ada@example.com' })
    const tech = new Category({ name: 'tech' })
    const databases = new Category({ name: 'databases' })
    databases.parent = tech // tech.children is now [databases]
    const [sql, orm] = [new Tag({ name: 'sql' }), new Tag({ name: 'orm' })]
    for (const title of ['Identity maps', 'Units of work']) {
      const post = new Post({ title })
      post.category = databases
      post.tags.push(sql, orm)
      ada.posts.push(post) // post.author is now ada
    }
    session.add(ada) // save-update cascade brings the posts, tags and categories along
    statements.length = 0
    await session.commit() // one transaction, parents before children, one INSERT per table and level
    console.log(`Committed 1 user, 2 posts, 2 tags, 2 categories and 4 links in ${statements.filter((sql) => sql.startsWith('insert')).length} INSERTs:`)
    for (const sql of statements) console.log(`  ${sql}`)
    console.log(`ada.id = ${ada.id}; every object got its key from RETURNING`)
  }

  // 5. Query with Core statements; objects come back through the identity map.
  {
    await using session = new Session(engine)
    const [ada] = await session.scalars(select(User).where(User.c.name.eq('Ada')))
    console.log(`\nLoaded ${ada.label}; same object again: ${(await session.get(User, ada.id)) === ada}`)

    // 6. Loading is always an explicit await: reading an unloaded relationship says what to do.
    try {
      console.log(ada.posts.length)
    } catch (error) {
      console.log(`${(error as NotLoadedError).name}: ${(error as Error).message}`)
    }
    await session.refresh(ada, ['posts'])
    for (const post of ada.posts) await session.refresh(post, ['tags'])
    console.log(`After refresh: ${ada.posts.map((post) => `${post.title} [${post.tags.map((tag) => tag.name).join(', ')}]`).join('; ')}`)

    // 7. Change tracking: only what changed is written.
    ada.name = 'Ada Lovelace'
    ada.posts[0].tags.splice(1, 1) // removes one post_tags row
    statements.length = 0
    await session.flush()
    console.log(`\nFlushed a rename and an untag with: ${statements.join(' | ')}`)

    // 8. delete-orphan: a post removed from its author's collection is deleted.
    ada.posts.pop()
    await session.commit()
    console.log(`Posts left: ${(await session.scalars(select(Post.c.title))).join(', ')}`)
  }

  // 9. Rollback: new objects become transient again, loaded ones are expired.
  {
    await using session = new Session(engine)
    const [ada] = await session.scalars(select(User))
    const draft = new Post({ title: 'Draft' })
    await session.refresh(ada, ['posts'])
    ada.posts.push(draft)
    await session.flush()
    console.log(`\nDraft flushed with id ${draft.id}, then rolled back:`)
    await session.rollback()
    console.log(`  draft is ${inspect(draft).status} (id ${draft.id}); ada.name expired: ${inspect(ada).expiredColumns.includes('name')}`)
    await session.refresh(ada)
    console.log(`  ada reloaded: ${ada.label}`)
  }

  await engine.dispose()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
