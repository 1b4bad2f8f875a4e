import type { Engine } from '@athanor/core'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { registerErrorHandling } from './errors'
import { registerPostRoutes } from './routes/posts'
import { registerTagRoutes } from './routes/tags'
import { registerUserRoutes } from './routes/users'

/**
 * The service, ready to `listen` or `inject` into; the caller owns the engine (and creates the
 * tables: `metadata.createAll(engine)`).
 *
 * ```ts
 * const app = buildApp(createEngine('sqlite::memory:'))
 * await app.listen({ host: '127.0.0.1', port: 0 })
 * ```
 */
export function buildApp(engine: Engine, options: FastifyServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false, ...options })
  registerErrorHandling(app)
  app.get('/health', async () => ({ status: 'ok', pool: engine.pool.status() }))
  registerUserRoutes(app, engine)
  registerPostRoutes(app, engine)
  registerTagRoutes(app, engine)
  return app
}
