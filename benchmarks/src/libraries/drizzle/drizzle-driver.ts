/** What each database's Drizzle implementation provides (schemas and sessions differ by dialect). */
import type { CompiledSql, ItemRow, LoadedUser, NewUser, UserRow, W1Input } from '../../workloads/data'

export interface DrizzleDriver {
  /** How W6 is done when not with the relational query API. */
  readonly w6Method?: string
  W1(input: W1Input): CompiledSql
  W2(ids: readonly number[]): Promise<UserRow[]>
  W3(): Promise<UserRow[]>
  W4(rows: readonly ItemRow[]): Promise<void>
  W5(rows: readonly ItemRow[]): Promise<void>
  W6(): Promise<LoadedUser[]>
  W7(users: readonly NewUser[]): Promise<void>
  close(): Promise<void>
}

/** The relational query's nesting (users → posts → postTags → tag) flattened to W6's shape. */
export function toLoadedUsers(
  users: readonly { id: number; name: string; posts: readonly { id: number; title: string; postTags: readonly { tag: { id: number; name: string } }[] }[] }[],
): LoadedUser[] {
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    posts: user.posts.map((post) => ({ id: post.id, title: post.title, tags: post.postTags.map((link) => link.tag) })),
  }))
}
