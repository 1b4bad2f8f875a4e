import { type Condition, func, or, select } from '@athanor/core'
import type { Engine } from '@athanor/core'
import type { Session } from '@athanor/orm'
import type { FastifyInstance } from 'fastify'
import { NotFoundError, parseInput } from '../errors'
import { User, users } from '../schema'
import { inSession } from '../session-scope'
import { createUserBody, idParams, listUsersQuery, type Page, updateUserBody } from '../validation'
import { postView, type PostView, userView, type UserView } from '../views'

/** A user or a 404. */
export async function findUser(session: Session, id: number): Promise<User> {
  const user = await session.get(User, id)
  if (user === undefined) throw NotFoundError.forKey('User', id)
  return user
}

/** GET/POST /users, GET/PATCH/DELETE /users/:id. */
export function registerUserRoutes(app: FastifyInstance, engine: Engine): void {
  app.get('/users', (request) => {
    const query = parseInput(listUsersQuery, request.query, 'query')
    return inSession(engine, async (session): Promise<Page<UserView>> => {
      const conditions: Condition[] = []
      if (query.q !== undefined) conditions.push(or(users.c.name.ilike(`%${query.q}%`), users.c.email.ilike(`%${query.q}%`)))
      const found = await session.scalars(
        select(User).where(...conditions)
          .orderBy(users.c.id)
          .limit(query.limit)
          .offset((query.page - 1) * query.limit),
      )
      const total = await session.scalar(select({ n: func.count() }).from(users).where(...conditions))
      return { items: found.map(userView), page: query.page, limit: query.limit, total: Number(total ?? 0) }
    })
  })

  app.get('/users/:id', (request) => {
    const { id } = parseInput(idParams, request.params, 'params')
    return inSession(engine, async (session): Promise<UserView & { posts: PostView[] }> => {
      const user = await findUser(session, id)
      await session.refresh(user, ['posts'])
      return { ...userView(user), posts: user.posts.map(postView) }
    })
  })

  app.post('/users', async (request, reply) => {
    const body = parseInput(createUserBody, request.body, 'body')
    const created = await inSession(engine, async (session) => {
      const user = new User(body)
      session.add(user)
      await session.flush()
      await session.refresh(user) // createdAt is the database's default
      return userView(user)
    })
    return reply.code(201).send(created)
  })

  app.patch('/users/:id', (request) => {
    const { id } = parseInput(idParams, request.params, 'params')
    const body = parseInput(updateUserBody, request.body, 'body')
    return inSession(engine, async (session) => {
      const user = await findUser(session, id)
      Object.assign(user, body)
      await session.flush()
      return userView(user)
    })
  })

  app.delete('/users/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'params')
    await inSession(engine, async (session) => {
      const user = await findUser(session, id)
      await session.refresh(user, ['posts']) // the cascade deletes the posts through the session
      session.delete(user)
    })
    return reply.code(204).send()
  })
}
