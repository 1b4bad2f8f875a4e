// Type-level tests of session.execute's tuple rows: checked by `tsc --noEmit`, never run.
import { expectTypeOf } from 'expect-type'
import { type EntityTupleRow, MetaData, type Result, type Select, func, integer, select, update, varchar } from '@athanor/core'
import { type EntityResult, Model, type Session } from '../src/index'

const metadata = new MetaData()
const users = metadata.table('tuple_types_users', { id: integer().primaryKey(), name: varchar(50).notNull() })
const posts = metadata.table('tuple_types_posts', {
  id: integer().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.c.id),
  title: varchar(100).notNull(),
  views: integer(),
})
class User extends Model(users) {
  declare posts: Post[]
}
class Post extends Model(posts) {}

declare const session: Session

// Core: a list with mapped classes and other items is typed as a tuple row.
expectTypeOf(select(User, Post)).toEqualTypeOf<Select<EntityTupleRow<[User, Post]>>>()
expectTypeOf(select(User, Post).join(Post, Post.c.userId.eq(User.c.id)).where(User.c.name.eq('ada'))).toEqualTypeOf<Select<EntityTupleRow<[User, Post]>>>()

// session.execute: typed tuples of two entities.
const pairs = session.execute(select(User, Post).join(Post, Post.c.userId.eq(User.c.id)))
expectTypeOf(pairs).resolves.toEqualTypeOf<EntityResult<[User, Post]>>()
declare const pairResult: EntityResult<[User, Post]>
expectTypeOf(pairResult.all()).toEqualTypeOf<[User, Post][]>()
expectTypeOf(pairResult.first()).toEqualTypeOf<[User, Post] | undefined>()
expectTypeOf(pairResult.one()).toEqualTypeOf<[User, Post]>()
expectTypeOf(pairResult.unique()).toEqualTypeOf<EntityResult<[User, Post]>>()
expectTypeOf(pairResult.scalars()).toEqualTypeOf<User[]>()
for (const [user, post] of pairResult) {
  expectTypeOf(user).toEqualTypeOf<User>()
  expectTypeOf(post).toEqualTypeOf<Post>()
}

// Mixed entity and columns: the value types of the columns and labels.
expectTypeOf(session.execute(select(User, func.count(Post.c.id).label('n')).groupBy(User.c.id, User.c.name))).resolves.toEqualTypeOf<EntityResult<[User, number]>>()
expectTypeOf(session.execute(select(Post.c.title, User, Post.c.views))).resolves.toEqualTypeOf<EntityResult<[string, User, number | null]>>()

// One entity alone gives one-element tuples; scalars() still gives the objects.
expectTypeOf(session.execute(select(User))).resolves.toEqualTypeOf<EntityResult<[User]>>()
expectTypeOf(session.scalars(select(User))).resolves.toEqualTypeOf<User[]>()
expectTypeOf(session.scalars(select(User, Post))).resolves.toEqualTypeOf<User[]>()

// Statements without a mapped class keep Core's Result.
expectTypeOf(session.execute(select(User.c.id, Post.c.title))).resolves.toEqualTypeOf<Result<{ id: number; title: string }>>()
expectTypeOf(session.execute(update(User).values({ name: 'x' }))).resolves.not.toEqualTypeOf<EntityResult<[User]>>()

// @ts-expect-error a tuple has exactly the selected positions
pairResult.one()[2]
