/**
 * The logical data every library reads and writes, and the row shapes the workloads exchange.
 * Seed values follow formulas of the id, so any row can be checked without reading the seed back.
 */
import { POST_COUNT, SIZES } from '../config'

export interface UserRow {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly age: number | null
  /** A boolean, or 0/1 where the library hands back what the driver reads. */
  readonly isActive: boolean | number
}

export interface ItemRow {
  readonly name: string
  readonly value: number
  readonly flag: boolean
  readonly note: string | null
}

/** W6: what an eager load yields. Collections may be arrays or any iterable (MikroORM's Collection). */
export interface LoadedTag {
  readonly id: number
  readonly name: string
}
export interface LoadedPost {
  readonly id: number
  readonly title: string
  readonly tags: Iterable<LoadedTag>
}
export interface LoadedUser {
  readonly id: number
  readonly name: string
  readonly posts: Iterable<LoadedPost>
}

/** W7: a new user and the posts it owns. */
export interface NewPost {
  readonly title: string
  readonly body: string | null
  readonly views: number
}
export interface NewUser {
  readonly name: string
  readonly email: string
  readonly age: number | null
  readonly isActive: boolean
  readonly posts: readonly NewPost[]
}

/** W1: the values of one built statement. */
export interface W1Input {
  readonly minAge: number
  readonly isActive: boolean
  readonly namePattern: string
  readonly minViews: number
  readonly userIds: readonly number[]
  readonly limit: number
}

/** What a compiled statement looks like, whatever the library calls it. */
export interface CompiledSql {
  readonly sql: string
  readonly params: readonly unknown[]
}

// Seed formulas -----------------------------------------------------------------------------------

export function seedUser(id: number): UserRow {
  return { id, name: `user ${id}`, email: `user${id}@example.com`, age: id % 7 === 0 ? null : id % 90, isActive: id % 3 !== 0 }
}

export interface SeedPost {
  readonly id: number
  readonly userId: number
  readonly title: string
  readonly body: string | null
  readonly views: number
}

/** Posts 1..POST_COUNT: post id p belongs to user ceil(p / postsPerUser). */
export function seedPost(id: number): SeedPost {
  return { id, userId: Math.ceil(id / SIZES.postsPerUser), title: `post ${id}`, body: id % 4 === 0 ? null : `body of post ${id}`, views: id % 100 }
}

export function seedTagName(id: number): string {
  return `tag ${id}`
}

const TAG_OFFSETS = [0, 7, 13] as const

/** The tag ids of a post, ascending. */
export function seedTagIdsOfPost(postId: number): number[] {
  return TAG_OFFSETS.slice(0, SIZES.tagsPerPost)
    .map((offset) => ((postId + offset) % SIZES.tagCount) + 1)
    .sort((a, b) => a - b)
}

export function* seedPostTagPairs(): Generator<[postId: number, tagId: number]> {
  for (let postId = 1; postId <= POST_COUNT; postId++) for (const tagId of seedTagIdsOfPost(postId)) yield [postId, tagId]
}

// Workload inputs ---------------------------------------------------------------------------------

export function w1Inputs(): W1Input[] {
  return Array.from({ length: SIZES.w1Builds }, (_, index) => ({
    minAge: 18 + (index % 10),
    isActive: true,
    namePattern: `user ${(index % 9) + 1}%`,
    minViews: index % 50,
    userIds: Array.from({ length: 10 }, (_, offset) => index + offset + 1),
    limit: 50,
  }))
}

export function w2Ids(): number[] {
  return Array.from({ length: SIZES.w2Lookups }, (_, index) => index + 1)
}

export function itemRows(count: number): ItemRow[] {
  return Array.from({ length: count }, (_, index) => ({ name: `item ${index}`, value: index, flag: index % 2 === 0, note: index % 5 === 0 ? null : `note ${index}` }))
}

export function w7Users(): NewUser[] {
  return Array.from({ length: SIZES.w7Users }, (_, index) => ({
    name: `new user ${index}`,
    email: `new${index}@example.com`,
    age: index % 60,
    isActive: true,
    posts: Array.from({ length: SIZES.w7PostsPerUser }, (_, postIndex) => ({ title: `new post ${index}.${postIndex}`, body: postIndex === 0 ? null : 'hello', views: postIndex })),
  }))
}

/** Splits rows into multi-row INSERT chunks. */
export function chunks<T>(rows: readonly T[], size: number = SIZES.insertChunk): T[][] {
  const result: T[][] = []
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size))
  return result
}
