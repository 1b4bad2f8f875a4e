import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Engine, type MetaData, text } from '@athanor/core'
import { autogenerate, loadMigrations, MigrationRunner, newRevisionId } from '../../src/index'

/** Runs one SQL text in a transaction of its own and returns its rows. */
export async function runSql(engine: Engine, sqlText: string): Promise<Record<string, unknown>[]> {
  return engine.begin(async (connection) => (await connection.execute(text(sqlText))).all() as Record<string, unknown>[])
}

/** Where one test file's migrations live on one dialect, and the tables it owns. */
export interface WorkspaceOptions {
  /** The test's context; its `engine` is read lazily (it is opened in the suite's beforeAll). */
  readonly context: { readonly engine: Engine }
  readonly directory: string
  /** Table name prefix: autogenerate looks only at tables that start with it. */
  readonly prefix: string
  readonly versionTable: string
  /** Tables dropped by `cleanUp`, children before parents. */
  readonly tables: readonly string[]
}

/**
 * A migrations directory for autogenerate tests: `cleanUp` drops the tables and the directory,
 * `write` autogenerates a revision and writes it when it found a difference, `runner` applies them.
 */
export function migrationWorkspace(options: WorkspaceOptions) {
  const { context, directory, prefix, versionTable } = options
  const include = (name: string) => name.startsWith(prefix) && name !== versionTable
  return {
    include,
    async cleanUp(): Promise<void> {
      for (const table of [...options.tables, versionTable]) await runSql(context.engine, `drop table if exists ${table}`)
      rmSync(directory, { recursive: true, force: true })
    },
    async setUp(): Promise<void> {
      await this.cleanUp()
      mkdirSync(directory, { recursive: true })
    },
    runner: () => new MigrationRunner(context.engine, loadMigrations(directory), { versionTable }),
    async write(metadata: MetaData, downRevision: string | null, message: string) {
      const revision = newRevisionId()
      const { diff, source } = await autogenerate(context.engine, metadata, { revision, downRevision, message, include })
      if (!diff.isEmpty) writeFileSync(join(directory, `${String(Date.now())}_${revision}.ts`), source)
      return { revision, diff, source }
    },
  }
}
