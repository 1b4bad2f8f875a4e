import type { Operations } from './operations/operations'

/**
 * One migration file's exports.
 *
 * @example
 * export const revision = '1a2b3c4d5e6f'
 * export const downRevision = null
 * export const message = 'create users'
 * export async function up(op: Operations) { await op.createTable('users', { id: integer().primaryKey() }) }
 * export async function down(op: Operations) { await op.dropTable('users') }
 */
export interface Migration {
  readonly revision: string
  /** The parent revision; several for a merge revision; null for the first. */
  readonly downRevision: string | readonly string[] | null
  readonly message: string
  up(op: Operations): Promise<void>
  down(op: Operations): Promise<void>
}

/** The parents of a migration as a list. */
export function parentsOf(migration: Migration): readonly string[] {
  if (migration.downRevision === null || migration.downRevision === undefined) return []
  return typeof migration.downRevision === 'string' ? [migration.downRevision] : migration.downRevision
}
