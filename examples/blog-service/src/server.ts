/**
 * Starts the blog service: `npx --yes pnpm@10 service`, or with DATABASE_URL=postgresql://… or
 * mysql://…; PORT defaults to 3000. It listens on 127.0.0.1 only and creates its tables on start.
 */
import { createEngine, redactUrl } from '@athanor/dialects'
import { buildApp } from './app'
import { metadata } from './schema'

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'sqlite:///blog-service.db'
  const port = Number(process.env.PORT ?? 3000)
  const engine = createEngine(url)
  await metadata.createAll(engine)
  const app = buildApp(engine, { logger: { level: process.env.LOG_LEVEL ?? 'info' } })
  app.addHook('onClose', async () => engine.dispose())
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0))
    })
  }
  await app.listen({ host: '127.0.0.1', port })
  app.log.info(`blog service on ${redactUrl(url)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
