/**
 * The bench_* tables mapped with the Athanor ORM, as an application would write it: users own
 * posts (backPopulates "author", save-update cascade), posts and tags meet through post_tags.
 * Collections are ordered as the hand-written W6 queries order them (posts by id, tags by id).
 */
import { Model, mapper, relationship } from '@athanor/orm'
import { posts, postTags, tags, users } from './athanor-schema'

export class User extends Model(users) {
  declare posts: Post[]
}

// The flush fills userId in from `post.author` / `user.posts`, so the constructor may leave it out.
export class Post extends Model(posts, { optional: ['userId'] }) {
  declare author: User | null
  declare tags: Tag[]
}

export class Tag extends Model(tags) {}

mapper(User, { posts: relationship(() => Post, { backPopulates: 'author', orderBy: posts.c.id }) })
mapper(Post, {
  author: relationship(() => User, { backPopulates: 'posts' }),
  tags: relationship(() => Tag, { secondary: postTags, orderBy: tags.c.id }),
})
