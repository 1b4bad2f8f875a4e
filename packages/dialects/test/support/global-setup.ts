import { createEngine } from '@athanor/dialects'
import { text } from '@athanor/core'
import { ALL_DIALECTS, AVAILABLE_DIALECTS_ENV, DATABASE_URLS, type DialectName } from './database-urls'

/**
 * Checks each database once before the suite. With CI=true an unreachable server fails the run;
 * elsewhere its dialect is skipped with a loud message.
 */
export default async function globalSetup(): Promise<void> {
  const available: DialectName[] = []
  const missing: string[] = []
  for (const dialect of ALL_DIALECTS) {
    try {
      const engine = createEngine(DATABASE_URLS[dialect], { poolTimeout: 5_000 })
      try {
        const connection = await engine.connect()
        await connection.execute(text('select 1 as one'))
        await connection.close()
      } finally {
        await engine.dispose()
      }
      available.push(dialect)
    } catch (error) {
      missing.push(`${dialect}: ${(error as Error).message}`)
    }
  }
  if (missing.length > 0) {
    const message = `\n!!! Integration tests cannot reach these databases:\n  ${missing.join('\n  ')}\n`
    if (process.env.CI === 'true') throw new Error(`${message}CI=true: every database must be reachable.`)
    console.warn(`${message}!!! Their tests are SKIPPED. Start the servers (see README) to run them.\n`)
  }
  process.env[AVAILABLE_DIALECTS_ENV] = available.join(',')
}
