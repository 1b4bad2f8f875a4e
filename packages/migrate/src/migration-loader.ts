import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Migration } from './migration'
import { MigrateError } from './migrate-error'

/**
 * Loads every `*.ts` / `*.js` migration module of a directory with require (the CLI runs under
 * tsx, which compiles TypeScript on require). Files are read in name order.
 *
 * @example
 * const migrations = loadMigrations('./migrations')
 */
export function loadMigrations(directory: string): Migration[] {
  const absolute = resolve(directory)
  const files = readdirSync(absolute).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).sort()
  return files.map((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are loaded at run time by path
    const loaded = require(join(absolute, file)) as Partial<Migration>
    if (typeof loaded.revision !== 'string' || typeof loaded.up !== 'function' || typeof loaded.down !== 'function') throw MigrateError.invalidMigrationFile(file)
    return { revision: loaded.revision, downRevision: loaded.downRevision ?? null, message: loaded.message ?? '', up: loaded.up, down: loaded.down }
  })
}
