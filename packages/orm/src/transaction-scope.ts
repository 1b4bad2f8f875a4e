import type { InstanceState } from './instance-state'

/**
 * What happened to objects during one transaction (or one SAVEPOINT of `beginNested`), so that a
 * rollback can put memory back in line with the database: objects added in it become transient
 * again, objects deleted in it come back, objects changed in it are expired.
 */
export class TransactionScope {
  /** Objects made pending (added) during the scope. */
  readonly added = new Set<InstanceState>()
  /** Objects whose INSERT was flushed during the scope. */
  readonly inserted = new Set<InstanceState>()
  /** Objects whose DELETE was flushed during the scope. */
  readonly deletedRows = new Set<InstanceState>()
  /** Objects passed to `session.delete()` during the scope. */
  readonly markedDeleted = new Set<InstanceState>()
  /** Persistent objects changed (in memory or by a flushed UPDATE) during the scope. */
  readonly touched = new Set<InstanceState>()

  /** Hands everything to the enclosing scope, when a SAVEPOINT is released. */
  mergeInto(parent: TransactionScope): void {
    for (const state of this.added) parent.added.add(state)
    for (const state of this.inserted) parent.inserted.add(state)
    for (const state of this.deletedRows) parent.deletedRows.add(state)
    for (const state of this.markedDeleted) parent.markedDeleted.add(state)
    for (const state of this.touched) parent.touched.add(state)
  }
}
