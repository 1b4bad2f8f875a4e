import { MetaData, boolean, check, func, index, integer, json, numeric, text, timestamp, varchar, bigint, enumType } from '../src/index'

/** A small blog schema shared by the core unit and type tests. */
export const metadata = new MetaData()

export const users = metadata.table(
  'users',
  {
    id: integer().primaryKey(),
    name: varchar(50).notNull(),
    email: varchar(100).notNull().unique(),
    age: integer(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp().notNull().serverDefault(func.now()),
  },
  (t) => [index('ix_users_name').on(t.name), check('age_ok', t.age.ge(0))],
)

export const posts = metadata.table('posts', {
  id: integer().primaryKey(),
  userId: integer().notNull().references(() => users.c.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
  body: text(),
  views: bigint({ mode: 'number' }).notNull().default(0),
  rating: numeric(3, 1),
  status: enumType(['draft', 'published']).notNull().default('draft'),
  meta: json<{ tags: string[] }>(),
})
