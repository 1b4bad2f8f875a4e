/** Drizzle on node-postgres (a pg Pool of one connection). */
import { and, asc, desc, eq, gt, gte, inArray, like, lte, relations } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { boolean, integer, pgTable, primaryKey, serial, text, varchar } from 'drizzle-orm/pg-core'
import { Pool } from 'pg'
import { SIZES } from '../../config'
import type { Fixture } from '../../fixtures/fixture'
import { type ItemRow, type NewUser, chunks } from '../../workloads/data'
import { W5_INCREMENT } from '../library'
import { type DrizzleDriver, toLoadedUsers } from './drizzle-driver'

const users = pgTable('bench_users', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 50 }).notNull(),
  email: varchar('email', { length: 100 }).notNull(),
  age: integer('age'),
  isActive: boolean('is_active').notNull(),
})
const posts = pgTable('bench_posts', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  title: varchar('title', { length: 200 }).notNull(),
  body: text('body'),
  views: integer('views').notNull(),
})
const tags = pgTable('bench_tags', { id: serial('id').primaryKey(), name: varchar('name', { length: 50 }).notNull() })
const postTags = pgTable(
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
const items = pgTable('bench_items', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  value: integer('value').notNull(),
  flag: boolean('flag').notNull(),
  note: varchar('note', { length: 200 }),
})
const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }))
const postsRelations = relations(posts, ({ one, many }) => ({ author: one(users, { fields: [posts.userId], references: [users.id] }), postTags: many(postTags) }))
const postTagsRelations = relations(postTags, ({ one }) => ({
  post: one(posts, { fields: [postTags.postId], references: [posts.id] }),
  tag: one(tags, { fields: [postTags.tagId], references: [tags.id] }),
}))
const schema = { users, posts, tags, postTags, items, usersRelations, postsRelations, postTagsRelations }

export function createDrizzlePostgres(fixture: Fixture): DrizzleDriver {
  const pool = new Pool({ ...fixture.server, max: 1 })
  const db = drizzle(pool, { schema })
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
      await db.transaction(async (transaction) => {
        for (const chunk of chunks(rows)) await transaction.insert(items).values(chunk)
      })
    },
    async W5(rows: readonly ItemRow[]) {
      for (const row of rows) {
        await db.transaction(async (transaction) => {
          const [{ id }] = await transaction.insert(items).values(row).returning({ id: items.id })
          await transaction
            .update(items)
            .set({ value: row.value + W5_INCREMENT })
            .where(eq(items.id, id))
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
      await db.transaction(async (transaction) => {
        const userIds: number[] = []
        for (const chunk of chunks(newUsers)) userIds.push(...(await transaction.insert(users).values(chunk.map(({ posts: _, ...user }) => user)).returning({ id: users.id })).map((row) => row.id))
        const postValues = newUsers.flatMap((user, index) => user.posts.map((post) => ({ userId: userIds[index], ...post })))
        for (const chunk of chunks(postValues)) await transaction.insert(posts).values(chunk)
      })
    },
    async close() {
      await pool.end()
    },
  }
}
