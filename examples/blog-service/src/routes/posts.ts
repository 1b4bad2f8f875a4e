import { type Condition, type Engine, func, select } from '@athanor/core'
import type { Session } from '@athanor/orm'
import type { FastifyInstance } from 'fastify'
import { NotFoundError, parseInput, RequestValidationError } from '../errors'
import { Post, postTags, posts, Tag, tags, User } from '../schema'
import { inSession } from '../session-scope'
import { createPostBody, idParams, listPostsQuery, type Page, updatePostBody } from '../validation'
import { postView, type PostView, tagView, type TagView, userView, type UserView } from '../views'

type PostWithTags = PostView & { tags: string[] }
type PostDetail = PostView & { author: UserView | null; tags: TagView[] }

async function findPost(session: Session, id: number): Promise<Post> {
  const post = await session.get(Post, id)
  if (post === undefined) throw NotFoundError.forKey('Post', id)
  return post
}

/** The Tag objects with these names: existing ones loaded, missing ones created (pending). */
async function tagsNamed(session: Session, names: readonly string[]): Promise<Tag[]> {
  const unique = [...new Set(names)]
  if (unique.length === 0) return []
  const existing = await session.scalars(select(Tag).where(tags.c.name.in(unique)))
  const byName = new Map(existing.map((tag) => [tag.name, tag]))
  return unique.map((name) => byName.get(name) ?? new Tag({ name }))
}

/**
 * The tag names of many posts in one query: a list answers with one SELECT for the posts and one
 * for their tags, never one per post.
 */
async function tagNamesByPost(session: Session, postIds: readonly number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>(postIds.map((id) => [id, []]))
  if (postIds.length === 0) return names
  const rows = await session.execute(
    select(postTags.c.postId, tags.c.name)
      .join(tags, tags.c.id.eq(postTags.c.tagId))
      .where(postTags.c.postId.in([...postIds]))
      .orderBy(tags.c.name),
  )
  for (const row of rows.all()) names.get(row.postId)?.push(row.name)
  return names
}

async function postDetail(session: Session, post: Post): Promise<PostDetail> {
  await session.refresh(post, ['author', 'tags'])
  return { ...postView(post), author: post.author === null ? null : userView(post.author), tags: post.tags.map(tagView) }
}

/** GET/POST /posts, GET/PATCH/DELETE /posts/:id. */
export function registerPostRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/posts', (request) => {
    const query = parseInput(listPostsQuery, request.query, 'query')
    return inSession(engine, async (session): Promise<Page<PostWithTags>> => {
      const conditions: Condition[] = []
      if (query.authorId !== undefined) conditions.push(posts.c.authorId.eq(query.authorId))
      if (query.published !== undefined) conditions.push(posts.c.isPublished.eq(query.published))
      if (query.q !== undefined) conditions.push(posts.c.title.ilike(`%${query.q}%`))
      if (query.tag !== undefined) {
        const tagged = select(postTags.c.postId).join(tags, tags.c.id.eq(postTags.c.tagId)).where(tags.c.name.eq(query.tag))
        conditions.push(posts.c.id.in(tagged))
      }
      const found = await session.scalars(
        select(Post).where(...conditions)
          .orderBy(posts.c.id.desc())
          .limit(query.limit)
          .offset((query.page - 1) * query.limit),
      )
      const total = await session.scalar(select({ n: func.count() }).from(posts).where(...conditions))
      const names = await tagNamesByPost(
        session,
        found.map((post) => post.id),
      )
      const items = found.map((post) => ({ ...postView(post), tags: names.get(post.id) ?? [] }))
      return { items, page: query.page, limit: query.limit, total: Number(total ?? 0) }
    })
  })

  app.get('/posts/:id', (request) => {
    const { id } = parseInput(idParams, request.params, 'params')
    return inSession(engine, async (session) => postDetail(session, await findPost(session, id)))
  })

  app.post('/posts', async (request, reply) => {
    const { tags: names = [], authorId, ...columns } = parseInput(createPostBody, request.body, 'body')
    const created = await inSession(engine, async (session) => {
      const author = await session.get(User, authorId)
      if (author === undefined) throw RequestValidationError.forField('body', 'authorId', `no user with id ${authorId}`)
      const post = new Post(columns)
      post.author = author
      post.tags.push(...(await tagsNamed(session, names)))
      session.add(post)
      await session.flush()
      return postDetail(session, post)
    })
    return reply.code(201).send(created)
  })

  app.patch('/posts/:id', (request) => {
    const { id } = parseInput(idParams, request.params, 'params')
    const { tags: names, ...columns } = parseInput(updatePostBody, request.body, 'body')
    return inSession(engine, async (session) => {
      const post = await findPost(session, id)
      Object.assign(post, columns)
      if (names !== undefined) {
        await session.refresh(post, ['tags'])
        post.tags.splice(0, post.tags.length, ...(await tagsNamed(session, names)))
      }
      await session.flush()
      return postDetail(session, post)
    })
  })

  app.delete('/posts/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'params')
    await inSession(engine, async (session) => session.delete(await findPost(session, id)))
    return reply.code(204).send()
  })
}
