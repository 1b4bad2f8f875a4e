import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { MigrateError } from './migrate-error'
import type { TableFilterOptions } from './table-filter'

/** What the CLI needs: where the database is, where the migration files live, which tables are autogenerate's. */
export interface CliConfig extends TableFilterOptions {
  readonly url: string
  readonly migrationsDirectory: string
  /** Module exporting `metadata` (a MetaData), for --autogenerate. */
  readonly metadataModule: string | undefined
}

/**
 * Reads `athanor.config.json` (`{ "url", "migrations", "metadata", "includeTables", "excludeTables" }`)
 * from the working directory; DATABASE_URL overrides the url, so credentials can stay out of the file.
 *
 * @example
 * const config = readCliConfig(process.cwd(), process.env)
 */
export function readCliConfig(directory: string, environment: NodeJS.ProcessEnv, configPath = 'athanor.config.json'): CliConfig {
  const path = resolve(directory, configPath)
  const file = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {}
  const url = environment.DATABASE_URL ?? (typeof file.url === 'string' ? file.url : undefined)
  if (!url) throw MigrateError.noDatabaseUrl(path)
  // Paths in the file are relative to the file (the working directory when there is none).
  const base = dirname(path)
  return {
    url,
    migrationsDirectory: resolve(base, typeof file.migrations === 'string' ? file.migrations : 'migrations'),
    metadataModule: typeof file.metadata === 'string' ? resolve(base, file.metadata) : undefined,
    includeTables: stringList(file.includeTables, 'includeTables', path),
    excludeTables: stringList(file.excludeTables, 'excludeTables', path),
  }
}

function stringList(value: unknown, key: string, path: string): string[] | undefined {
  if (value === undefined) return undefined
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value
  throw MigrateError.usage(`"${key}" in ${path} must be a list of table names or patterns.`)
}
