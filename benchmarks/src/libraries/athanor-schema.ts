/** The bench_* tables as Athanor Core tables (property names camelCase, SQL names snake_case). */
import { MetaData, boolean, integer, textColumn, varchar } from '@athanor/core'

export const metadata = new MetaData()

export const users = metadata.table('bench_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  age: integer(),
  isActive: boolean().notNull(),
})

export const posts = metadata.table('bench_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  body: textColumn(),
  views: integer().notNull(),
})

export const tags = metadata.table('bench_tags', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
})

export const postTags = metadata.table('bench_post_tags', {
  postId: integer()
    .notNull()
    .references(() => posts.c.id, { onDelete: 'cascade' }),
  tagId: integer()
    .notNull()
    .references(() => tags.c.id, { onDelete: 'cascade' }),
})

export const items = metadata.table('bench_items', {
  id: integer().primaryKey(),
  name: varchar(100).notNull(),
  value: integer().notNull(),
  flag: boolean().notNull(),
  note: varchar(200),
})
