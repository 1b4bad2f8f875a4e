/**
 * Drizzle on mysql2 (a pool of one connection); keys come from `$returningId()` (insertId,
 * consecutive). Drizzle's relational queries cannot run on MariaDB 10.11: the default mode joins
 * LATERAL (a syntax error there) and the 'planetscale' mode refers to the outer query from inside a
 * derived table ("Unknown column 'users.id' in 'WHERE'"). On MariaDB, W6 is therefore three queries
 * by hand with the select builder, and says so.
 */
import { and, asc, desc, eq, gt, gte, inArray, like, lte, relations } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/mysql2'
import { boolean, int, mysqlTable, primaryKey, text, varchar } from 'drizzle-orm/mysql-core'
import { createPool } from 'mysql2/promise'
import { SIZES } from '../../config'
import type { Fixture } from '../../fixtures/fixture'
import { type ItemRow, type LoadedUser, type NewUser, chunks } from '../../workloads/data'
import { assembleUsers, idsOf } from '../assemble'
import { W5_INCREMENT } from '../library'
import { type DrizzleDriver, toLoadedUsers } from './drizzle-driver'

const users = mysqlTable('bench_users', {
  id: int('id').autoincrement().primaryKey(),
  name: varchar('name', { length: 50 }).notNull(),
  email: varchar('email', { length: 100 }).notNull(),
  age: int('age'),
  isActive: boolean('is_active').notNull(),
})
const posts = mysqlTable('bench_posts', {
  id: int('id').autoincrement().primaryKey(),
  userId: int('user_id')
    .notNull()
    .references(() => users.id),
  title: varchar('title', { length: 200 }).notNull(),
  body: text('body'),
  views: int('views').notNull(),
})
const tags = mysqlTable('bench_tags', { id: int('id').autoincrement().primaryKey(), name: varchar('name', { length: 50 }).notNull() })
const postTags = mysqlTable(
  'bench_post_tags',
  {
    postId: int('post_id')
      .notNull()
      .references(() => posts.id),
    tagId: int('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] })],
)
const items = mysqlTable('bench_items', {
  id: int('id').autoincrement().primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  value: int('value').notNull(),
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

export function createDrizzleMysql(fixture: Fixture): DrizzleDriver {
  const pool = createPool({ ...fixture.server, connectionLimit: 1 })
  const db = drizzle(pool, { schema, mode: 'default' })
  const isMariaDb = fixture.serverVersion.startsWith('MariaDB')
  const loadByHand = async (): Promise<LoadedUser[]> => {
    const userRows = await db.select({ id: users.id, name: users.name }).from(users).where(lte(users.id, SIZES.w6Users)).orderBy(asc(users.id))
    const postRows = await db.select({ id: posts.id, userId: posts.userId, title: posts.title }).from(posts).where(inArray(posts.userId, idsOf(userRows))).orderBy(asc(posts.id))
    const tagRows = await db
      .select({ postId: postTags.postId, id: tags.id, name: tags.name })
      .from(postTags)
      .innerJoin(tags, eq(tags.id, postTags.tagId))
      .where(inArray(postTags.postId, idsOf(postRows)))
      .orderBy(asc(postTags.postId), asc(tags.id))
    return assembleUsers(userRows, postRows, tagRows)
  }
  return {
    w6Method: isMariaDb ? 'drizzle (by hand: its relational queries fail on MariaDB)' : undefined,
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
          const [{ id }] = await transaction.insert(items).values(row).$returningId()
          await transaction
            .update(items)
            .set({ value: row.value + W5_INCREMENT })
            .where(eq(items.id, id))
        })
      }
    },
    async W6() {
      if (isMariaDb) return loadByHand()
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
        for (const chunk of chunks(newUsers)) userIds.push(...(await transaction.insert(users).values(chunk.map(({ posts: _, ...user }) => user)).$returningId()).map((row) => row.id))
        const postValues = newUsers.flatMap((user, index) => user.posts.map((post) => ({ userId: userIds[index], ...post })))
        for (const chunk of chunks(postValues)) await transaction.insert(posts).values(chunk)
      })
    },
    async close() {
      await pool.end()
    },
  }
}
