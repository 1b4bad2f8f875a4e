// Type-level tests: checked by `tsc --noEmit` in the test command, never run.
import { expectTypeOf } from 'expect-type'
import { type Expression, type InferInsert, type InferRow, type Result, func, insert, select, update, deleteFrom, text } from '../src/index'
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
