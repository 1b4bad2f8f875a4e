/** The JSON shapes the service answers with, built from mapped objects while their session is open. */
import type { Post, Tag, User } from './schema'

export interface UserView {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly createdAt: Date
}
export interface TagView {
  readonly id: number
  readonly name: string
}
export interface PostView {
  readonly id: number
  readonly authorId: number
  readonly title: string
  readonly body: string | null
  readonly isPublished: boolean
  readonly createdAt: Date
}

export const userView = (user: User): UserView => ({ id: user.id, name: user.name, email: user.email, createdAt: user.createdAt })
export const tagView = (tag: Tag): TagView => ({ id: tag.id, name: tag.name })
export const postView = (post: Post): PostView => ({
  id: post.id,
  authorId: post.authorId,
  title: post.title,
  body: post.body,
  isPublished: post.isPublished,
  createdAt: post.createdAt,
})
