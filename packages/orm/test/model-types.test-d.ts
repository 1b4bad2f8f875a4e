// Type-level tests: checked by `tsc --noEmit` in the test command, never run.
import { expectTypeOf } from 'expect-type'
import { type Expression, MetaData, boolean, func, integer, select, timestamp, varchar } from '@athanor/core'
import { Model, type Session, mapper, relationship } from '../src/index'

const metadata = new MetaData()
const users = metadata.table('types_users', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  email: varchar(100).notNull(),
  age: integer(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp().notNull().serverDefault(func.now()),
})
const posts = metadata.table('types_posts', {
  id: integer().primaryKey(),
  authorId: integer()
    .notNull()
    .references(() => users.c.id),
  title: varchar(100).notNull(),
})

// Circular relationships between classes: each names the other in a declared attribute.
class User extends Model(users) {
  declare posts: Post[]
  get label(): string {
    return `${this.name} <${this.email}>`
  }
  isAdult(): boolean {
    return (this.age ?? 0) >= 18
  }
}
class Post extends Model(posts, { optional: ['authorId'] }) {
  declare author: User | null
}
mapper(User, { posts: relationship(() => Post, { backPopulates: 'author', cascade: 'all, delete-orphan', orderBy: posts.c.id.desc() }) })
mapper(Post, { author: relationship(() => User, { backPopulates: 'posts' }) })

declare const user: User
declare const session: Session

// Column attributes are typed from the table, written once.
expectTypeOf(user.id).toEqualTypeOf<number>()
expectTypeOf(user.name).toEqualTypeOf<string>()
expectTypeOf(user.age).toEqualTypeOf<number | null>()
expectTypeOf(user.isActive).toEqualTypeOf<boolean>()
expectTypeOf(user.createdAt).toEqualTypeOf<Date>()
expectTypeOf(user.label).toEqualTypeOf<string>()
expectTypeOf(user.isAdult()).toEqualTypeOf<boolean>()

// Relationship attributes, circular: user.posts[0].author.posts …
expectTypeOf(user.posts).toEqualTypeOf<Post[]>()
expectTypeOf(user.posts[0].author).toEqualTypeOf<User | null>()
expectTypeOf(user.posts[0].author?.posts).toEqualTypeOf<Post[] | undefined>()

// The constructor takes the table's insert row: required columns required, values only.
expectTypeOf(new User({ name: 'ada', email: 'ada@example.com' })).toEqualTypeOf<User>()
new User({ name: 'ada', email: 'ada@example.com', age: null, isActive: false, id: 7 })
new Post({ title: 'authorId is optional here, the relationship fills it' })
// @ts-expect-error a required column is missing
new User({ email: 'ada@example.com' })
// @ts-expect-error a value of the wrong type
new User({ name: 42, email: 'ada@example.com' })
// @ts-expect-error an unknown column
new User({ name: 'ada', email: 'ada@example.com', nickname: 'a' })
// @ts-expect-error SQL expressions are not attribute values
new User({ name: users.c.name, email: 'ada@example.com' })
// @ts-expect-error the arguments are required when the table has required columns
new User()
// @ts-expect-error optional lists columns only
Model(posts, { optional: ['writer'] })

// Attributes keep their types on assignment.
user.name = 'ada'
// @ts-expect-error a string column takes strings
user.name = null
// @ts-expect-error a collection holds the target class
user.posts.push(user)

// The class carries its table and columns for Core statements.
expectTypeOf(User.table).toEqualTypeOf<typeof users>()
expectTypeOf(User.c.name.eq('ada')).toEqualTypeOf<Expression<boolean>>()
// @ts-expect-error comparing a string column with a number
User.c.name.eq(1)

// select(User) type-checks with Core's select; a session turns its rows into User objects.
expectTypeOf(session.scalars(select(User).where(User.c.name.eq('ada')))).resolves.toEqualTypeOf<User[]>()
expectTypeOf(session.scalar(select(User))).resolves.toEqualTypeOf<User | undefined>()
expectTypeOf(session.scalars(select(User.c.name))).resolves.toEqualTypeOf<string[]>()
expectTypeOf(session.get(User, 1)).resolves.toEqualTypeOf<User | undefined>()
expectTypeOf(session.merge(user)).resolves.toEqualTypeOf<User>()
session.refresh(user, ['posts', 'name'])
// @ts-expect-error only attributes of User can be refreshed
session.refresh(user, ['postz'])

// mapper() checks relationship names and targets against the declared attributes.
// @ts-expect-error no attribute of that name
mapper(User, { postz: relationship(() => Post) })
// @ts-expect-error the target class must match the attribute's element type
mapper(User, { posts: relationship(() => User) })
// @ts-expect-error backPopulates names an attribute of the target class
relationship(() => Post, { backPopulates: 'writer' })
