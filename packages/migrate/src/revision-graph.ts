import { type Migration, parentsOf } from './migration'
import { MigrateError } from './migrate-error'

/**
 * The revisions and their parent links: heads, ancestors, and an apply order (parents first).
 *
 * @example
 * const graph = new RevisionGraph(migrations)
 * graph.heads() // ['3c9e…']
 */
export class RevisionGraph {
  private readonly byRevision = new Map<string, Migration>()

  constructor(migrations: readonly Migration[]) {
    for (const migration of migrations) {
      if (this.byRevision.has(migration.revision)) throw MigrateError.duplicateRevision(migration.revision)
      this.byRevision.set(migration.revision, migration)
    }
    for (const migration of migrations) for (const parent of parentsOf(migration)) if (!this.byRevision.has(parent)) throw MigrateError.unknownRevision(parent)
  }

  /** A revision by id, or by a unique prefix of it. */
  get(revision: string): Migration {
    const exact = this.byRevision.get(revision)
    if (exact) return exact
    const matches = [...this.byRevision.keys()].filter((id) => id.startsWith(revision))
    if (matches.length !== 1) throw MigrateError.unknownRevision(revision)
    return this.byRevision.get(matches[0]) as Migration
  }

  /** Revisions that no other revision names as its parent. */
  heads(): string[] {
    const parents = new Set([...this.byRevision.values()].flatMap((migration) => parentsOf(migration)))
    return [...this.byRevision.keys()].filter((revision) => !parents.has(revision))
  }

  /** The revision and everything it descends from. */
  ancestorsOf(revision: string): Set<string> {
    const seen = new Set<string>()
    const pending = [this.get(revision).revision]
    while (pending.length > 0) {
      const current = pending.pop() as string
      if (seen.has(current)) continue
      seen.add(current)
      pending.push(...parentsOf(this.get(current)))
    }
    return seen
  }

  /** All revisions, parents before children (ties in file order). */
  ordered(): Migration[] {
    const result: Migration[] = []
    const done = new Set<string>()
    const visit = (migration: Migration): void => {
      if (done.has(migration.revision)) return
      done.add(migration.revision)
      for (const parent of parentsOf(migration)) visit(this.get(parent))
      result.push(migration)
    }
    for (const migration of this.byRevision.values()) visit(migration)
    return result
  }

  /** Of a set of applied revisions, those no other applied revision descends from. */
  currentHeads(applied: ReadonlySet<string>): string[] {
    const covered = new Set<string>()
    for (const revision of applied) for (const ancestor of this.ancestorsOf(revision)) if (ancestor !== revision) covered.add(ancestor)
    return [...applied].filter((revision) => !covered.has(revision))
  }
}
