import { type AnyColumn, type AnyTable, Column } from '@athanor/core'
import type { TableNode } from '@athanor/core'

/** One foreign key of a table, with its columns as Column objects (so values can be read by key). */
export interface ForeignKey {
  /** The referencing columns, on the table that holds the key. */
  readonly columns: readonly AnyColumn[]
  /** The referenced columns, in the same order. */
  readonly referenced: readonly AnyColumn[]
  readonly referencedTable: TableNode
  /** ON DELETE as declared. */
  readonly onDelete: string | undefined
}

const cache = new WeakMap<AnyTable, readonly ForeignKey[]>()

/**
 * The foreign keys a table declares, from `.references(...)` on columns and `foreignKey(...)`
 * constraints. Resolved on first use, when every table exists, and kept.
 *
 * ```ts
 * foreignKeysOf(posts)[0].referenced[0] === users.c.id
 * ```
 */
export function foreignKeysOf(table: AnyTable): readonly ForeignKey[] {
  const cached = cache.get(table)
  if (cached) return cached
  const keys: ForeignKey[] = []
  for (const column of table.columns) {
    const reference = column.config.references
    if (!reference) continue
    const target = reference.target()
    if (target instanceof Column) keys.push({ columns: [column], referenced: [target], referencedTable: target.table, onDelete: reference.onDelete })
  }
  for (const constraint of table.constraints) {
    if (constraint.kind !== 'foreignKey') continue
    const targets = constraint.target() as readonly AnyColumn[]
    if (targets.length === 0 || targets.length !== constraint.columns.length) continue
    keys.push({ columns: constraint.columns, referenced: targets, referencedTable: targets[0].table, onDelete: constraint.onDelete })
  }
  const frozen = Object.freeze(keys)
  cache.set(table, frozen)
  return frozen
}

/** Whether the foreign key points at `table` (compared by node identity, as columns carry their table's node). */
export function refersTo(key: ForeignKey, table: AnyTable): boolean {
  return key.referencedTable === table.node
}
