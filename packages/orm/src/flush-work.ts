import type { AnyTable } from '@athanor/core'
import type { InstanceState } from './instance-state'
import type { ColumnPair, RelationshipProperty, SecondaryJoin } from './relationship-property'

/** Copy key values from `source` into foreign key columns right before a row is written; `source: null` clears them. */
export interface Sync {
  readonly property: RelationshipProperty
  /** referenced: the source's column; referencing: the written row's column. */
  readonly pairs: readonly ColumnPair[]
  readonly source: InstanceState | null
}

/** One row to INSERT or UPDATE, with the foreign keys to fill in first and the INSERTs it must wait for. */
export interface SaveUnit {
  readonly state: InstanceState
  readonly isInsert: boolean
  readonly syncs: Sync[]
  /** INSERT units whose generated keys this row needs. */
  readonly dependsOn: Set<SaveUnit>
}

/** A foreign key written by a second UPDATE after the INSERTs (a cycle, or `postUpdate`). */
export interface PostUpdate {
  readonly state: InstanceState
  readonly sync: Sync
}

/** One row of a many-to-many association table, identified by the two objects it links. */
export interface SecondaryRow {
  readonly join: SecondaryJoin
  readonly parent: InstanceState
  readonly target: InstanceState
}

/** `DELETE FROM association WHERE parent_fk IN (…)`: the association rows of deleted objects. */
export interface SecondaryPurge {
  readonly table: AnyTable
  readonly pairs: readonly ColumnPair[]
  readonly owners: InstanceState[]
}

/** `UPDATE child SET fk = NULL WHERE fk IN (…)`: unloaded children of deleted parents, un-linked. */
export interface ForeignKeyClear {
  readonly property: RelationshipProperty
  readonly parents: InstanceState[]
}

/** A foreign key set to NULL before the DELETEs, to break a cycle between rows being deleted. */
export interface PreDeleteClear {
  readonly state: InstanceState
  readonly pairs: readonly ColumnPair[]
}

/** Everything one flush writes, before it is put in order. */
export interface FlushWork {
  readonly saves: Map<InstanceState, SaveUnit>
  readonly postUpdates: PostUpdate[]
  readonly secondaryInserts: SecondaryRow[]
  readonly secondaryDeletes: SecondaryRow[]
  readonly secondaryPurges: SecondaryPurge[]
  readonly foreignKeyClears: ForeignKeyClear[]
  /** Rows to delete: explicit, cascaded and orphans. */
  readonly deletes: Set<InstanceState>
  /** Pending objects dropped without an INSERT (orphans, or children of deleted parents). */
  readonly expunged: Set<InstanceState>
}

/** A new, empty unit. */
export function saveUnit(state: InstanceState, isInsert: boolean): SaveUnit {
  return { state, isInsert, syncs: [], dependsOn: new Set() }
}

/** True when the work writes nothing. */
export function isEmptyWork(work: FlushWork): boolean {
  return (
    work.saves.size === 0 &&
    work.postUpdates.length === 0 &&
    work.secondaryInserts.length === 0 &&
    work.secondaryDeletes.length === 0 &&
    work.secondaryPurges.length === 0 &&
    work.foreignKeyClears.length === 0 &&
    work.deletes.size === 0
  )
}
