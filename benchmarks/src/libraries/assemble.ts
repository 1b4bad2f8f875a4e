/** Builds the W6 object graph from the three flat result sets that loaders fetch. */
import type { LoadedPost, LoadedTag, LoadedUser } from '../workloads/data'

export interface FlatUser {
  readonly id: number
  readonly name: string
}
export interface FlatPost {
  readonly id: number
  readonly userId: number
  readonly title: string
}
export interface FlatPostTag {
  readonly postId: number
  readonly id: number
  readonly name: string
}

interface MutablePost extends LoadedPost {
  readonly tags: LoadedTag[]
}
interface MutableUser extends LoadedUser {
  readonly posts: MutablePost[]
}

/** Users in their order, posts in theirs, tags in theirs: each attached to its owner by id. */
export function assembleUsers(users: readonly FlatUser[], posts: readonly FlatPost[], postTags: readonly FlatPostTag[]): LoadedUser[] {
  const userById = new Map<number, MutableUser>()
  const result: MutableUser[] = users.map((row) => {
    const user: MutableUser = { id: row.id, name: row.name, posts: [] }
    userById.set(row.id, user)
    return user
  })
  const postById = new Map<number, MutablePost>()
  for (const row of posts) {
    const post: MutablePost = { id: row.id, title: row.title, tags: [] }
    postById.set(row.id, post)
    userById.get(row.userId)?.posts.push(post)
  }
  for (const row of postTags) postById.get(row.postId)?.tags.push({ id: row.id, name: row.name })
  return result
}

/** The ids of a list of rows, for the next `in (...)` query. */
export function idsOf(rows: readonly { readonly id: number }[]): number[] {
  return rows.map((row) => row.id)
}

/** `(p1, p2), (p3, p4), …` for a multi-row VALUES list, with `placeholder(n)` numbering from 1. */
export function chunkPlaceholders(rowCount: number, columnCount: number, placeholder: (n: number) => string): string {
  const rows = new Array<string>(rowCount)
  for (let row = 0; row < rowCount; row++) {
    const cells = new Array<string>(columnCount)
    for (let column = 0; column < columnCount; column++) cells[column] = placeholder(row * columnCount + column + 1)
    rows[row] = `(${cells.join(', ')})`
  }
  return rows.join(', ')
}
