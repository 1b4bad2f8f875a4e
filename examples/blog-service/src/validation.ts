/**
 * Request schemas. Bodies come from the tables (createInsertSchema / createUpdateSchema), minus
 * the columns the server owns (keys, timestamps); query strings get small schemas of their own.
 */
import { createInsertSchema, createUpdateSchema } from '@athanor/core'
import { z } from 'zod'
import { posts, tags, users } from './schema'

const serverOwned = { id: true, createdAt: true } as const

export const createUserBody = createInsertSchema(users, { email: (schema) => schema.refine((value) => /^[^@\s]+@[^@\s]+$/.test(value), 'expected an email address') })
  .omit(serverOwned)
  .strict()
export const updateUserBody = createUpdateSchema(users).omit(serverOwned).strict()

const tagNames = z.array(z.string().trim().min(1).max(30)).max(20)

export const createPostBody = createInsertSchema(posts).omit(serverOwned).extend({ tags: tagNames.optional() }).strict()
export const updatePostBody = createUpdateSchema(posts).omit({ ...serverOwned, authorId: true }).extend({ tags: tagNames.optional() }).strict()

export const createTagBody = createInsertSchema(tags).omit({ id: true }).strict()

export const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) })

const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}
const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true')

export const listUsersQuery = z.object({ ...page, q: z.string().max(100).optional() }).strict()
export const listPostsQuery = z
  .object({
    ...page,
    authorId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
    tag: z.string().max(30).optional(),
    q: z.string().max(200).optional(),
    published: queryBoolean.optional(),
  })
  .strict()
export const listTagsQuery = z.object(page).strict()

/** A page of a list, as every list route answers it. */
export interface Page<T> {
  readonly items: T[]
  readonly page: number
  readonly limit: number
  readonly total: number
}
