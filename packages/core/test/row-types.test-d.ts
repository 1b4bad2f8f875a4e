// Type-level tests: checked by `tsc --noEmit` in the test command, never run.
import { expectTypeOf } from 'expect-type'
import { type Expression, type InferInsert, type InferRow, type Result, func, insert, select, update, deleteFrom, text } from '../src/index'
import { type Connection, bindParam, excluded } from '../src/index'
import { type Column, type DerivedColumn, alias, exists, notExists } from '../src/index'
import { posts, users } from './fixtures'

declare function run<Row>(statement: { readonly __row?: Row }): Result<Row>

// Columns chosen one by one: keys are property names, nullable columns are T | null.
expectTypeOf(run(select(users.c.id, users.c.name, users.c.age)).all()).toEqualTypeOf<{ id: number; name: string; age: number | null }[]>()

// A whole table gives every column.
expectTypeOf(run(select(users)).one()).toEqualTypeOf<{
  id: number
  name: string
  email: string
  age: number | null
  isActive: boolean
  createdAt: Date
}>()

// A record names the keys; aggregates are typed.
expectTypeOf(run(select({ n: func.count(), age: users.c.age }).from(users).groupBy(users.c.age)).all()).toEqualTypeOf<{ n: number; age: number | null }[]>()

// Labels key the row.
expectTypeOf(run(select(users.c.id, func.max(posts.c.views).label('topViews'))).one()).toEqualTypeOf<{ id: number; topViews: number | null }>()

// Joins keep both tables' columns; enums and json carry their TS types.
expectTypeOf(run(select(users.c.name, posts.c.status, posts.c.meta).join(posts, posts.c.userId.eq(users.c.id))).one()).toEqualTypeOf<{
  name: string
  status: 'draft' | 'published'
  meta: { tags: string[] } | null
}>()

// Derived statements keep the row type.
expectTypeOf(run(select(users.c.id).where(users.c.age.gt(18)).orderBy(users.c.id.desc()).limit(5)).all()).toEqualTypeOf<{ id: number }[]>()

// RETURNING is typed; without it there are no rows to type.
expectTypeOf(run(insert(users).values({ name: 'a', email: 'e' }).returning(users.c.id)).one()).toEqualTypeOf<{ id: number }>()
expectTypeOf(run(update(users).values({ age: 3 }).returning(users.c.age)).one()).toEqualTypeOf<{ age: number | null }>()
expectTypeOf(run(deleteFrom(users).returning(users.c.email)).one()).toEqualTypeOf<{ email: string }>()

// Insert rows: required columns are required, defaulted/nullable/autoincrement ones optional.
expectTypeOf<{ name: string; email: string }>().toMatchTypeOf<InferInsert<typeof users>>()
expectTypeOf<InferInsert<typeof users>['id']>().toEqualTypeOf<number | Expression<number> | undefined>()
expectTypeOf<InferRow<typeof posts>['views']>().toEqualTypeOf<number>()
expectTypeOf<InferRow<typeof posts>['rating']>().toEqualTypeOf<string | null>()

// @ts-expect-error a missing required column
insert(users).values({ name: 'a' })
// @ts-expect-error a wrong value type
insert(users).values({ name: 'a', email: 'e', age: 'old' })
// @ts-expect-error an unknown column
update(users).values({ nmae: 'x' })
// @ts-expect-error comparing a number column with a string
users.c.age.eq('x')
// @ts-expect-error an unlabelled expression in a select list has no key
select(users.c.id, func.count())

// text(): rows typed by the caller, or loosely keyed by default.
expectTypeOf(run(text<{ n: number }>('select 1 as n')).one()).toEqualTypeOf<{ n: number }>()
expectTypeOf(run(text('select 1 as n')).one()).toEqualTypeOf<Record<string, unknown>>()

// ---- DML: upserts, INSERT … SELECT, UPDATE … FROM, DELETE … USING, executemany -----------------

// excluded(col) has the column's type.
expectTypeOf(excluded(users.c.age)).toEqualTypeOf<Expression<number | null>>()
expectTypeOf(excluded(users.c.name)).toEqualTypeOf<Expression<string>>()

// onConflictDoUpdate: `set` is typed like update().values(); RETURNING stays typed.
expectTypeOf(
  run(
    insert(users)
      .values({ name: 'a', email: 'e' })
      .onConflictDoUpdate({ target: users.c.email, set: { name: excluded(users.c.name), age: users.c.age.add(1) }, where: users.c.isActive.eq(true) })
      .returning(users.c.id),
  ).one(),
).toEqualTypeOf<{ id: number }>()
insert(users).values({ name: 'a', email: 'e' }).onConflictDoNothing()
insert(users).values({ name: 'a', email: 'e' }).onConflictDoNothing([users.c.email, users.c.name])
// @ts-expect-error a set value of the wrong type
insert(users).values({ name: 'a', email: 'e' }).onConflictDoUpdate({ target: users.c.email, set: { age: 'old' } })
// @ts-expect-error excluded() of a column of another type
insert(users).values({ name: 'a', email: 'e' }).onConflictDoUpdate({ target: users.c.email, set: { age: excluded(users.c.name) } })
// @ts-expect-error an unknown column in set
insert(users).values({ name: 'a', email: 'e' }).onConflictDoUpdate({ target: users.c.email, set: { nmae: 'x' } })
// @ts-expect-error the target is required for DO UPDATE
insert(users).values({ name: 'a', email: 'e' }).onConflictDoUpdate({ set: { name: 'x' } })
// @ts-expect-error a target column that the table does not have
insert(users).values({ name: 'a', email: 'e' }).onConflictDoNothing(posts.c.title)

// fromSelect: the column list is the target table's columns; RETURNING is typed.
expectTypeOf(run(insert(users).fromSelect([users.c.name, users.c.email], select(posts.c.title, posts.c.title.label('copy'))).returning(users.c.id)).one()).toEqualTypeOf<{
  id: number
}>()
// @ts-expect-error a column of another table that the target table does not have
insert(users).fromSelect([posts.c.title], select(posts.c.title))

// UPDATE … FROM and DELETE … USING keep their row types.
expectTypeOf(run(update(posts).from(users).where(posts.c.userId.eq(users.c.id)).values({ views: users.c.id }).returning(posts.c.id)).one()).toEqualTypeOf<{
  id: number
}>()
expectTypeOf(run(deleteFrom(posts).using(users).where(posts.c.userId.eq(users.c.id)).returning(posts.c.title)).one()).toEqualTypeOf<{ title: string }>()

// executemany: a list of parameter sets is accepted and the result keeps the row type.
declare const connection: Connection
expectTypeOf(connection.execute(text<{ n: number }>('select :n as n'), [{ n: 1 }, { n: 2 }])).toEqualTypeOf<Promise<Result<{ n: number }>>>()
expectTypeOf(connection.execute(insert(users).values({ name: bindParam('name'), email: 'e' }).returning(users.c.id), [{ name: 'a' }])).toEqualTypeOf<Promise<Result<{ id: number }>>>()
// @ts-expect-error parameter sets are objects
connection.execute(text('select 1'), [1, 2])

// ---- SELECT features: aliases, subqueries, CTEs, compounds, window functions ----

// An alias's columns are typed like the table's, and select the same rows.
const author = alias(users, 'author')
expectTypeOf(author.c.name).toEqualTypeOf<typeof users.c.name>()
expectTypeOf(author.c.age).toEqualTypeOf<Column<number | null, 'age', true>>()
expectTypeOf(run(select(author)).one()).toEqualTypeOf<InferRow<typeof users>>()
expectTypeOf(run(select({ title: posts.c.title, by: author.c.name }).join(author, author.c.id.eq(posts.c.userId))).one()).toEqualTypeOf<{ title: string; by: string }>()

// A subquery's columns are its rows' keys, typed by them.
const totals = select({ userId: posts.c.userId, views: func.sum(posts.c.views) }).groupBy(posts.c.userId).subquery('totals')
expectTypeOf(totals.c.views).toEqualTypeOf<DerivedColumn<number | null, 'views'>>()
expectTypeOf(run(select(users.c.name, totals.c.views).join(totals, totals.c.userId.eq(users.c.id))).one()).toEqualTypeOf<{ name: string; views: number | null }>()
expectTypeOf(run(select(totals)).one()).toEqualTypeOf<{ userId: number; views: number | null }>()
// @ts-expect-error a subquery has only the columns its select names
totals.c.title

// CTE columns too, recursive ones included.
const chain = select(users.c.id, users.c.age).where(users.c.age.isNull()).cte('chain', { recursive: true })
const fullChain = chain.unionAll(select(users.c.id, users.c.age).join(chain, chain.c.id.eq(users.c.id)))
expectTypeOf(fullChain.c.age).toEqualTypeOf<DerivedColumn<number | null, 'age'>>()
expectTypeOf(run(select(fullChain.c.id)).all()).toEqualTypeOf<{ id: number }[]>()

// A scalar subquery is a value of its one column's type, or NULL when no row comes back.
const postCount = select({ n: func.count() }).from(posts).where(posts.c.userId.eq(users.c.id)).scalarSubquery()
expectTypeOf(postCount).toEqualTypeOf<Expression<number | null>>()
expectTypeOf(run(select(users.c.name, postCount.label('posts'))).one()).toEqualTypeOf<{ name: string; posts: number | null }>()
expectTypeOf(users.c.age.gt(postCount)).toEqualTypeOf<Expression<boolean>>()

// EXISTS and IN (select) are conditions; IN needs a query over comparable values.
expectTypeOf(exists(select(posts.c.id).where(posts.c.userId.eq(users.c.id)))).toEqualTypeOf<Expression<boolean>>()
expectTypeOf(notExists(select(posts.c.id))).toEqualTypeOf<Expression<boolean>>()
expectTypeOf(users.c.id.in(select(posts.c.userId))).toEqualTypeOf<Expression<boolean>>()
// @ts-expect-error a number column is not IN a query of strings
users.c.id.in(select(posts.c.title))
// @ts-expect-error exists() takes a query, not a table
exists(users)

// A compound's rows are typed like its first select's, through order and limit.
const names = select(users.c.name).union(select({ name: posts.c.title })).orderBy(users.c.name).limit(5)
expectTypeOf(run(names).all()).toEqualTypeOf<{ name: string }[]>()
expectTypeOf(run(select(users.c.id).intersect(select(posts.c.userId)).except(select(posts.c.id))).one()).toEqualTypeOf<{ id: number }>()
expectTypeOf(names.subquery('names').c.name).toEqualTypeOf<DerivedColumn<string, 'name'>>()

// Window functions: ranks are numbers, value functions follow their argument (nullable).
const windowed = select({
  place: func.rowNumber().over({ partitionBy: posts.c.userId, orderBy: posts.c.views.desc() }),
  rank: func.denseRank().over({ orderBy: posts.c.views.desc() }),
  running: func.sum(posts.c.views).over({ orderBy: posts.c.id, frame: { rows: [null, 0] } }),
  previous: func.lag(posts.c.title).over({ orderBy: posts.c.id }),
})
expectTypeOf(run(windowed).one()).toEqualTypeOf<{ place: number; rank: number; running: number | null; previous: string | null }>()
// @ts-expect-error a window function cannot be windowed again
func.rowNumber().over().over()
// @ts-expect-error a frame is rows or range, not both
func.rowNumber().over({ frame: { rows: [null, 0], range: [null, 0] } })
// @ts-expect-error frame bounds are numbers or null
func.rowNumber().over({ frame: { rows: ['unbounded', 0] } })

// forUpdate takes named options; distinctOn expressions.
expectTypeOf(run(select(users.c.id).forUpdate({ skipLocked: true, of: author }).distinctOn(users.c.age)).one()).toEqualTypeOf<{ id: number }>()
// @ts-expect-error an unknown lock option
select(users.c.id).forUpdate({ skipLockd: true })
