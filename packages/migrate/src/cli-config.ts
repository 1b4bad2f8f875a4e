import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { MigrateError } from './migrate-error'

/** What the CLI needs: where the database is and where the migration files live. */
export interface CliConfig {
  readonly url: string
  readonly migrationsDirectory: string
  /** Module exporting `metadata` (a MetaData), for --autogenerate. */
  readonly metadataModule: string | undefined
}

/**
 * Reads `athanor.config.json` (`{ "url", "migrations", "metadata" }`) from the working directory;
 * DATABASE_URL overrides the url, so credentials can stay out of the file.
 *
 * @example
 * const config = readCliConfig(process.cwd(), process.env)
 */
export function readCliConfig(directory: string, environment: NodeJS.ProcessEnv, configPath = 'athanor.config.json'): CliConfig {
  const path = resolve(directory, configPath)
  const file = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {}
  const url = environment.DATABASE_URL ?? (typeof file.url === 'string' ? file.url : undefined)
  if (!url) throw MigrateError.noDatabaseUrl(path)
  return {
    url,
    migrationsDirectory: resolve(directory, typeof file.migrations === 'string' ? file.migrations : 'migrations'),
    metadataModule: typeof file.metadata === 'string' ? resolve(directory, file.metadata) : undefined,
  }
}
