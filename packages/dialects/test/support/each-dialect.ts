import type { Engine, EngineOptions, MetaData } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { ALL_DIALECTS, AVAILABLE_DIALECTS_ENV, DATABASE_URLS, type DialectName } from './database-urls'

/** What each dialect's run of a test file gets; read `engine` inside tests (it is set in beforeAll). */
export interface DialectContext {
  readonly dialect: DialectName
  /** The engine, created in beforeAll and disposed in afterAll. */
  readonly engine: Engine
}

function availableDialects(): DialectName[] {
  const listed = process.env[AVAILABLE_DIALECTS_ENV]
  if (listed === undefined) return ALL_DIALECTS
  return listed.split(',').filter((name): name is DialectName => (ALL_DIALECTS as string[]).includes(name))
}

/**
 * Runs the same tests on every reachable database. When `metadata` is given, its tables are
 * dropped and created before the tests and dropped after, so a file can run twice in a row.
 * Each test file must use table names of its own (files run in parallel).
 */
export function describeEachDialect(
  title: string,
  options: { readonly metadata?: MetaData; readonly engineOptions?: EngineOptions },
  tests: (context: DialectContext) => void,
): void {
  for (const dialect of ALL_DIALECTS) {
    const isAvailable = availableDialects().includes(dialect)
    const describeOrSkip = isAvailable ? describe : describe.skip
    describeOrSkip(`${title} [${dialect}]`, () => {
      const context = { dialect } as { dialect: DialectName; engine: Engine }
      beforeAll(async () => {
        context.engine = createEngine(DATABASE_URLS[dialect], options.engineOptions)
        if (options.metadata) {
          await options.metadata.dropAll(context.engine)
          await options.metadata.createAll(context.engine)
        }
      })
      afterAll(async () => {
        if (options.metadata) await options.metadata.dropAll(context.engine)
        await context.engine.dispose()
      })
      tests(context)
    })
  }
}
