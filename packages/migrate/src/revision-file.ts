import { randomBytes } from 'node:crypto'

export interface RevisionFileOptions {
  readonly revision?: string
  readonly downRevision: string | readonly string[] | null
  readonly message: string
  /** Lines of the up() body (already indented by the caller or not; indented here). */
  readonly upLines?: readonly string[]
  readonly downLines?: readonly string[]
  /** Names imported from @athanor/core (column types). */
  readonly coreImports?: readonly string[]
}

/** A new 12-hex-digit revision id, as Alembic makes them. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * The text of a migration module: revision ids, message, and `up`/`down` bodies.
 *
 * @example
 * writeFileSync(`migrations/${id}_add_users.ts`, renderRevisionFile({ revision: id, downRevision: null, message: 'add users' }))
 */
export function renderRevisionFile(options: RevisionFileOptions): string {
  const body = (lines: readonly string[] | undefined): string => (lines && lines.length > 0 ? lines.map((line) => `  ${line}`).join('\n') : '  // nothing to do')
  const downRevision = options.downRevision === null ? 'null' : typeof options.downRevision === 'string' ? `'${options.downRevision}'` : `[${options.downRevision.map((r) => `'${r}'`).join(', ')}]`
  const imports = [...new Set(options.coreImports ?? [])].sort()
  return [
    `/** ${options.message.replace(/\*\//g, '* /')} */`,
    ...(imports.length > 0 ? [`import { ${imports.join(', ')} } from '@athanor/core'`] : []),
    // A type-only import: erased when the file is loaded, so it runs wherever @athanor/core resolves.
    "import type { Operations } from '@athanor/migrate'",
    '',
    `export const revision = '${options.revision ?? newRevisionId()}'`,
    `export const downRevision: string | string[] | null = ${downRevision}`,
    `export const message = ${JSON.stringify(options.message)}`,
    '',
    'export async function up(op: Operations): Promise<void> {',
    body(options.upLines),
    '}',
    '',
    'export async function down(op: Operations): Promise<void> {',
    body(options.downLines),
    '}',
    '',
  ].join('\n')
}

/** `Add users table` → `add_users_table`, for file names. */
export function slugOf(message: string): string {
  return message.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'revision'
}
