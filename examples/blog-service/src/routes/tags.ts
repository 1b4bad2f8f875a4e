import { type Engine, func, select } from '@athanor/core'
import type { FastifyInstance } from 'fastify'
import { NotFoundError, parseInput } from '../errors'
import { Tag, tags } from '../schema'
import { inSession } from '../session-scope'
import { createTagBody, idParams, listTagsQuery, type Page } from '../validation'
import { postView, type PostView, tagView, type TagView } from '../views'

/** GET/POST /tags, GET/DELETE /tags/:id. */
export function registerTagRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/tags', (request) => {
    const query = parseInput(listTagsQuery, request.query, 'query')
    return inSession(engine, async (session): Promise<Page<TagView>> => {
      const found = await session.scalars(
        select(Tag)
          .orderBy(tags.c.name)
          .limit(query.limit)
          .offset((query.page - 1) * query.limit),
      )
      const total = await session.scalar(select({ n: func.count() }).from(tags))
      return { items: found.map(tagView), page: query.page, limit: query.limit, total: Number(total ?? 0) }
    })
  })

  app.get('/tags/:id', (request) => {
    const { id } = parseInput(idParams, request.params, 'params')
    return inSession(engine, async (session): Promise<TagView & { posts: PostView[] }> => {
      const tag = await session.get(Tag, id)
      if (tag === undefined) throw NotFoundError.forKey('Tag', id)
      await session.refresh(tag, ['posts'])
      return { ...tagView(tag), posts: tag.posts.map(postView) }
    })
  })

  app.post('/tags', async (request, reply) => {
    const body = parseInput(createTagBody, request.body, 'body')
    const created = await inSession(engine, async (session) => {
      const tag = new Tag(body)
      session.add(tag)
      await session.flush()
      return tagView(tag)
    })
    return reply.code(201).send(created)
  })

  app.delete('/tags/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'params')
    await inSession(engine, async (session) => {
      const tag = await session.get(Tag, id)
      if (tag === undefined) throw NotFoundError.forKey('Tag', id)
      session.delete(tag)
    })
    return reply.code(204).send()
  })
}
