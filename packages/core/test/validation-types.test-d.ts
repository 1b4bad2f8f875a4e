// Type-level tests: the derived zod schemas infer exactly the table's row types.
import { expectTypeOf } from 'expect-type'
import type { z } from 'zod'
import { type InferRow, type Simplify, createInsertSchema, createSelectSchema, createUpdateSchema } from '../src/index'
import { posts, users } from './fixtures'


expectTypeOf<z.infer<ReturnType<typeof createSelectSchema<typeof users.c>>>>().toEqualTypeOf<InferRow<typeof users>>()
expectTypeOf<z.infer<ReturnType<typeof createSelectSchema<typeof posts.c>>>>().toEqualTypeOf<InferRow<typeof posts>>()

const insertUsers = createInsertSchema(users)
expectTypeOf<z.infer<typeof insertUsers>>().toEqualTypeOf<
  Simplify<{ name: string; email: string } & { id?: number; age?: number | null; isActive?: boolean; createdAt?: Date }>
>()

const updatePosts = createUpdateSchema(posts)
expectTypeOf<z.infer<typeof updatePosts>['status']>().toEqualTypeOf<'draft' | 'published' | undefined>()
expectTypeOf<z.infer<typeof updatePosts>['rating']>().toEqualTypeOf<string | null | undefined>()

// A refinement keeps the column's type; a wrong one does not type-check.
createInsertSchema(users, { email: (schema) => schema.refine((value) => value.includes('@')) })
// @ts-expect-error a refinement must keep the column's type
createInsertSchema(users, { age: () => ({}) as z.ZodType<string> })

// A mapped class (static table) gives the same schema types as its table.
declare class Person {
  static readonly table: typeof users
}
expectTypeOf<z.infer<ReturnType<typeof createInsertSchema<typeof users.c>>>>().toEqualTypeOf<z.infer<typeof insertUsers>>()
expectTypeOf(createInsertSchema(Person)).toEqualTypeOf(insertUsers)
