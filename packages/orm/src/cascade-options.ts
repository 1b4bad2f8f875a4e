import { ArgumentError } from '@athanor/core'

/** Which operations follow a relationship from an object to its related objects. */
export interface CascadeOptions {
  /** `session.add(parent)` adds the related objects too (and objects appended later). */
  readonly saveUpdate: boolean
  /** `session.merge(parent)` merges the related objects too. */
  readonly merge: boolean
  /** Deleting the parent deletes the related objects. */
  readonly delete: boolean
  /** A related object removed from the parent's collection (or replaced) is deleted. */
  readonly deleteOrphan: boolean
  /** `session.expunge(parent)` expunges the related objects too. */
  readonly expunge: boolean
  /** `session.expire(parent)` / `refresh(parent)` reaches the related objects too. */
  readonly refreshExpire: boolean
}

const NAMES = ['save-update', 'merge', 'delete', 'delete-orphan', 'expunge', 'refresh-expire'] as const
type CascadeName = (typeof NAMES)[number]

/** "all" is everything but delete-orphan, as in SQLAlchemy. */
const ALL: readonly CascadeName[] = ['save-update', 'merge', 'delete', 'expunge', 'refresh-expire']

/** The default when a relationship names no cascade. */
export const DEFAULT_CASCADE = 'save-update, merge'

/**
 * Parses a cascade list: `"all, delete-orphan"`, `"save-update, merge"` (the default), `"none"`.
 *
 * ```ts
 * parseCascade("all, delete-orphan").deleteOrphan // true
 * ```
 */
export function parseCascade(text: string, relationship: string): CascadeOptions {
  const names = new Set<CascadeName>()
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    if (part === 'all') ALL.forEach((name) => names.add(name))
    else if (part === 'none') continue
    else if ((NAMES as readonly string[]).includes(part)) names.add(part as CascadeName)
    else throw ArgumentError.invalidOption(`${relationship} cascade`, part, `a comma-separated list of ${['all', 'none', ...NAMES].join(', ')}`)
  }
  return Object.freeze({
    saveUpdate: names.has('save-update'),
    merge: names.has('merge'),
    delete: names.has('delete'),
    deleteOrphan: names.has('delete-orphan'),
    expunge: names.has('expunge'),
    refreshExpire: names.has('refresh-expire'),
  })
}
