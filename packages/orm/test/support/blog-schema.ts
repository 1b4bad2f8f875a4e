import { type AnyColumn, MetaData, func, integer, primaryKey, text, timestamp, varchar } from '@athanor/core'
import { Model, mapper, relationship } from '../../src/index'

/**
 * The blog model the ORM tests share: users, posts, comments, tags (many-to-many through
 * post_tags), a self-referential category tree and bookmarks (an association object with a note).
 * Each test file passes its own table prefix, since files run in parallel on the same databases.
 */
export function defineBlog(prefix: string) {
  const metadata = new MetaData()
  const users = metadata.table(`${prefix}_users`, {
    id: integer().primaryKey(),
    name: varchar(50).notNull(),
    email: varchar(100).notNull().unique(),
    createdAt: timestamp().notNull().serverDefault(func.now()),
  })
  const categories = metadata.table(`${prefix}_categories`, {
    id: integer().primaryKey(),
    // The thunk's return type is written out: a table referring to itself cannot infer it.
    parentId: integer().references((): AnyColumn => categories.c.id),
    name: varchar(50).notNull(),
  })
  const posts = metadata.table(`${prefix}_posts`, {
    id: integer().primaryKey(),
    authorId: integer()
      .notNull()
      .references(() => users.c.id, { onDelete: 'cascade' }),
    categoryId: integer().references(() => categories.c.id),
    title: varchar(100).notNull(),
    body: text(),
    views: integer().notNull().default(0),
  })
  const comments = metadata.table(`${prefix}_comments`, {
    id: integer().primaryKey(),
    postId: integer()
      .notNull()
      .references(() => posts.c.id, { onDelete: 'cascade' }),
    authorId: integer().references(() => users.c.id),
    body: varchar(200).notNull(),
  })
  const tags = metadata.table(`${prefix}_tags`, { id: integer().primaryKey(), name: varchar(30).notNull().unique() })
  const postTags = metadata.table(
    `${prefix}_post_tags`,
    {
      postId: integer()
        .notNull()
        .references(() => posts.c.id, { onDelete: 'cascade' }),
      tagId: integer()
        .notNull()
        .references(() => tags.c.id, { onDelete: 'cascade' }),
    },
    (t) => [primaryKey(t.postId, t.tagId)],
  )
  const bookmarks = metadata.table(
    `${prefix}_bookmarks`,
    {
      userId: integer()
        .notNull()
        .references(() => users.c.id, { onDelete: 'cascade' }),
      postId: integer()
        .notNull()
        .references(() => posts.c.id, { onDelete: 'cascade' }),
      note: varchar(100),
    },
    (t) => [primaryKey(t.userId, t.postId)],
  )

  class User extends Model(users) {
    declare posts: Post[]
    declare comments: Comment[]
    declare bookmarks: Bookmark[]
    get label(): string {
      return `${this.name} <${this.email}>`
    }
  }
  class Post extends Model(posts, { optional: ['authorId'] }) {
    declare author: User | null
    declare comments: Comment[]
    declare tags: Tag[]
    declare category: Category | null
    declare bookmarks: Bookmark[]
  }
  class Comment extends Model(comments, { optional: ['postId'] }) {
    declare post: Post | null
    declare author: User | null
  }
  class Tag extends Model(tags) {
    declare posts: Post[]
  }
  class Category extends Model(categories) {
    declare parent: Category | null
    declare children: Category[]
    declare posts: Post[]
  }
  class Bookmark extends Model(bookmarks, { optional: ['userId', 'postId'] }) {
    declare user: User | null
    declare post: Post | null
  }

  mapper(User, {
    posts: relationship(() => Post, { backPopulates: 'author', cascade: 'all, delete-orphan', orderBy: posts.c.id }),
    comments: relationship(() => Comment, { backPopulates: 'author' }),
    bookmarks: relationship(() => Bookmark, { backPopulates: 'user', cascade: 'all, delete-orphan' }),
  })
  mapper(Post, {
    author: relationship(() => User, { backPopulates: 'posts' }),
    comments: relationship(() => Comment, { backPopulates: 'post', cascade: 'all, delete-orphan', orderBy: comments.c.id }),
    tags: relationship(() => Tag, { secondary: postTags, backPopulates: 'posts', orderBy: tags.c.name }),
    category: relationship(() => Category, { backPopulates: 'posts' }),
    bookmarks: relationship(() => Bookmark, { backPopulates: 'post', cascade: 'all, delete-orphan' }),
  })
  mapper(Comment, {
    post: relationship(() => Post, { backPopulates: 'comments' }),
    author: relationship(() => User, { backPopulates: 'comments' }),
  })
  mapper(Tag, { posts: relationship(() => Post, { secondary: postTags, backPopulates: 'tags' }) })
  mapper(Category, {
    parent: relationship(() => Category, { backPopulates: 'children', remoteSide: categories.c.id }),
    children: relationship(() => Category, { backPopulates: 'parent', cascade: 'all, delete-orphan', orderBy: categories.c.id }),
    posts: relationship(() => Post, { backPopulates: 'category' }),
  })
  mapper(Bookmark, {
    user: relationship(() => User, { backPopulates: 'bookmarks' }),
    post: relationship(() => Post, { backPopulates: 'bookmarks' }),
  })

  return { metadata, users, categories, posts, comments, tags, postTags, bookmarks, User, Post, Comment, Tag, Category, Bookmark }
}

export type Blog = ReturnType<typeof defineBlog>
