/** Drizzle on better-sqlite3: a synchronous session, so transactions take synchronous callbacks. */
import { and, asc, desc, eq, gt, gte, inArray, like, lte, relations } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { SIZES } from '../../config'
import type { Fixture } from '../../fixtures/fixture'
import { openSqlite } from '../../fixtures/sqlite'
import { type ItemRow, type NewUser, chunks } from '../../workloads/data'
import { W5_INCREMENT } from '../library'
import { type DrizzleDriver, toLoadedUsers } from './drizzle-driver'

const users = sqliteTable('bench_users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  age: integer('age'),
  isActive: integer('is_active', { mode: 'boolean' }).notNull(),
})
const posts = sqliteTable('bench_posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
  body: text('body'),
  views: integer('views').notNull(),
})
const tags = sqliteTable('bench_tags', { id: integer('id').primaryKey(), name: text('name').notNull() })
const postTags = sqliteTable(
  'bench_post_tags',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] })],
)
const items = sqliteTable('bench_items', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  value: integer('value').notNull(),
  flag: integer('flag', { mode: 'boolean' }).notNull(),
  note: text('note'),
})
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }))
const postsRelations = relations(posts, ({ one, many }) => ({ author: one(users, { fields: [posts.userId], references: [users.id] }), postTags: many(postTags) }))
const postTagsRelations = relations(postTags, ({ one }) => ({
  post: one(posts, { fields: [postTags.postId], references: [posts.id] }),
  tag: one(tags, { fields: [postTags.tagId], references: [tags.id] }),
}))
const schema = { users, posts, tags, postTags, items, usersRelations, postsRelations, postTagsRelations }

export function createDrizzleSqlite(fixture: Fixture): DrizzleDriver {
  const client = openSqlite(fixture.sqliteFile)
  const db = drizzle(client, { schema })
  return {
    W1(input) {
      return db
        .select({ id: users.id, name: users.name, postId: posts.id, title: posts.title })
        .from(users)
        .innerJoin(posts, eq(posts.userId, users.id))
        .where(and(gte(users.age, input.minAge), eq(users.isActive, input.isActive), like(users.name, input.namePattern), gt(posts.views, input.minViews), inArray(users.id, [...input.userIds])))
        .orderBy(desc(posts.id))
        .limit(input.limit)
        .toSQL()
    },
    async W2(ids) {
      const rows = []
      for (const id of ids) rows.push((await db.select().from(users).where(eq(users.id, id)))[0])
      return rows
    },
    W3: async () => db.select().from(users).orderBy(asc(users.id)),
    async W4(rows: readonly ItemRow[]) {
      db.transaction((transaction) => {
        for (const chunk of chunks(rows)) transaction.insert(items).values(chunk).run()
      })
    },
    async W5(rows: readonly ItemRow[]) {
      for (const row of rows) {
        db.transaction((transaction) => {
          const { id } = transaction.insert(items).values(row).returning({ id: items.id }).get()
          transaction.update(items)
            .set({ value: row.value + W5_INCREMENT })
            .where(eq(items.id, id))
            .run()
        })
      }
    },
    async W6() {
      const loaded = await db.query.users.findMany({
        columns: { id: true, name: true },
        where: lte(users.id, SIZES.w6Users),
        orderBy: asc(users.id),
        with: { posts: { columns: { id: true, title: true }, orderBy: asc(posts.id), with: { postTags: { columns: {}, orderBy: asc(postTags.tagId), with: { tag: true } } } } },
      })
      return toLoadedUsers(loaded)
    },
    async W7(newUsers: readonly NewUser[]) {
      db.transaction((transaction) => {
        const userIds: number[] = []
        for (const chunk of chunks(newUsers)) userIds.push(...transaction.insert(users).values(chunk.map(({ posts: _, ...user }) => user)).returning({ id: users.id }).all().map((row) => row.id))
        const postValues = newUsers.flatMap((user, index) => user.posts.map((post) => ({ userId: userIds[index], ...post })))
        for (const chunk of chunks(postValues)) transaction.insert(posts).values(chunk).run()
      })
    },
    async close() {
      client.close()
    },
  }
}
