/**
 * The service's tables and mapped classes. Table names carry the `svc_` prefix so that the
 * service's end-to-end test can share a database with the other integration tests.
 */
import { boolean, func, integer, MetaData, primaryKey, text, timestamp, varchar } from '@athanor/core'
import { Model, mapper, relationship } from '@athanor/orm'

export const metadata = new MetaData()

export const users = metadata.table('svc_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull().unique(),
  createdAt: timestamp().notNull().serverDefault(func.now()),
})

export const posts = metadata.table('svc_posts', {
  id: integer().primaryKey(),
  authorId: integer().notNull().references(() => users.c.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  body: text(),
  isPublished: boolean().notNull().default(false),
  createdAt: timestamp().notNull().serverDefault(func.now()),
})

export const tags = metadata.table('svc_tags', {
  id: integer().primaryKey(),
  name: varchar(30).notNull().unique(),
})

export const postTags = metadata.table(
  'svc_post_tags',
  {
    postId: integer().notNull().references(() => posts.c.id, { onDelete: 'cascade' }),
    tagId: integer().notNull().references(() => tags.c.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey(t.postId, t.tagId)],
)

export class User extends Model(users) {
  declare posts: Post[]
}

export class Post extends Model(posts, { optional: ['authorId'] }) {
  declare author: User | null
  declare tags: Tag[]
}

export class Tag extends Model(tags) {
  declare posts: Post[]
}

mapper(User, { posts: relationship(() => Post, { backPopulates: 'author', cascade: 'all, delete-orphan', orderBy: posts.c.id }) })
mapper(Post, {
  author: relationship(() => User, { backPopulates: 'posts' }),
  tags: relationship(() => Tag, { secondary: postTags, backPopulates: 'posts', orderBy: tags.c.name }),
})
mapper(Tag, { posts: relationship(() => Post, { secondary: postTags, backPopulates: 'tags', orderBy: posts.c.id }) })
