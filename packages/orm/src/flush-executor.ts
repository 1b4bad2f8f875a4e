import { type AnyColumn, deleteFrom, insert, update } from '@athanor/core'
import { FlushError } from './errors/flush-error'
import { StaleDataError } from './errors/stale-data-error'
import type { DeleteStep, FlushPlan, SaveStep } from './flush-plan'
import type { FlushWork, SaveUnit, SecondaryRow, Sync } from './flush-work'
import { type InsertContext, type InsertedRow, insertStates } from './insert-batch'
import type { InstanceState } from './instance-state'
import { deleteJoinedRows, insertJoinedStates, updateJoinedRow } from './joined-writes'
import { loadExpiredVersions } from './expired-versions'
import { chunk, matchAny, matchOne } from './key-conditions'
import { mapperOfState } from './mapper'
import type { ColumnPair } from './relationship-property'

/** What the statements of a flush did, for the bookkeeping that follows success. */
export interface FlushOutcome {
  readonly inserted: InsertedRow[]
  /** Updated objects and the columns written. */
  readonly updated: Map<InstanceState, string[]>
}

// Rows and SET values here are keyed by column property names read from the mapper at runtime;
// Core's typed `values()` cannot check them for a table typed `AnyTable`, hence `as never`.

/**
 * Sends a planned flush to the database, in order: INSERTs and UPDATEs level by level,
 * post-updates, association rows, un-linking of unloaded children, then DELETEs. Values it
 * computes (keys, foreign keys) are written into the objects through the undo log.
 *
 * ```ts
 * const outcome = await new FlushExecutor(context).run(work, plan)
 * ```
 */
export class FlushExecutor {
  private readonly outcome: FlushOutcome = { inserted: [], updated: new Map() }
  /** Foreign key columns whose value a sync changed, per row to update. */
  private readonly syncedColumns = new Map<SaveUnit, Set<string>>()

  constructor(private readonly context: InsertContext) {}

  async run(work: FlushWork, plan: FlushPlan): Promise<FlushOutcome> {
    for (const step of plan.earlyDeletes) await this.deleteRows(step)
    for (const step of plan.saves) await this.save(step)
    for (const postUpdate of work.postUpdates) await this.postUpdate(postUpdate.state, postUpdate.sync)
    await this.deleteSecondaryRows(work.secondaryDeletes.filter((row) => !work.deletes.has(row.parent) && !work.deletes.has(row.target)))
    for (const purge of work.secondaryPurges) await this.deleteWhere(purge.table, purge.pairs.map((pair) => pair.referencing), purge.owners.map((owner) => purge.pairs.map((pair) => owner.committedValue(pair.referenced.key))))
    await this.insertSecondaryRows(work.secondaryInserts.filter((row) => !work.deletes.has(row.parent) && !work.deletes.has(row.target)))
    for (const clear of work.foreignKeyClears) await this.clearForeignKeys(clear.property.target.table, clear.property.pairs, clear.parents)
    for (const clear of plan.preDeleteClears) await this.updateRow(clear.state, Object.fromEntries(clear.pairs.map((pair) => [pair.referencing.key, null])))
    for (const step of plan.deletes) await this.deleteRows(step)
    return this.outcome
  }

  private async deleteRows(step: DeleteStep): Promise<void> {
    const mapper = mapperOfState(step.states[0])
    await loadExpiredVersions(this.context.connection, mapper, step.states, 'DELETE')
    if (mapper.levels !== undefined) return deleteJoinedRows(this.context, mapper, step.states)
    const { versionKey } = mapper
    if (versionKey === undefined) {
      await this.deleteWhere(step.table, mapper.primaryKey, step.states.map((state) => mapper.primaryKeyKeys.map((key) => state.committedValue(key))))
      return
    }
    // Versioned rows: each must still have the version it was loaded with, so the matched count is checked.
    const columns = [...mapper.primaryKey, mapper.columnByKey.get(versionKey) as AnyColumn]
    const tuples = step.states.map((state) => columns.map((column) => state.committedValue(column.key)))
    for (const part of chunk(tuples, columns.length, this.context.capabilities.maxParameters)) {
      const result = await this.execute(deleteFrom(step.table).where(matchAny(columns, part)))
      if (result.rowCount !== part.length) throw StaleDataError.versionMismatch('DELETE', mapper.table.name, versionKey, part.length, result.rowCount)
    }
  }

  private async save(step: SaveStep): Promise<void> {
    for (const unit of step.units) for (const sync of unit.syncs) this.applySync(unit, sync)
    if (step.isInsert) {
      for (const unit of step.units) {
        const { versionKey, polymorphicKey, polymorphicIdentity } = mapperOfState(unit.state)
        if (versionKey !== undefined && unit.state.values[versionKey] == null) this.context.undo.write(unit.state, versionKey, 1)
        if (polymorphicKey !== undefined && polymorphicIdentity !== undefined && unit.state.values[polymorphicKey] == null) this.context.undo.write(unit.state, polymorphicKey, polymorphicIdentity)
      }
      const mapper = mapperOfState(step.units[0].state)
      const states = step.units.map((unit) => unit.state)
      const inserted = mapper.levels === undefined ? await insertStates(this.context, mapper, states) : await insertJoinedStates(this.context, mapper.levels, states)
      this.outcome.inserted.push(...inserted)
      return
    }
    for (const unit of step.units) await this.updateUnit(unit)
  }

  // Copies the parent's key into the row's foreign key (or NULL), through the undo log.
  private applySync(unit: SaveUnit, sync: Sync): void {
    for (const pair of sync.pairs) {
      const value = sync.source === null ? null : sync.source.values[pair.referenced.key]
      if (value === undefined) throw FlushError.missingKeyValue(sync.property.name, pair.referenced.key)
      if (isSame(unit.state.values[pair.referencing.key], value)) continue
      this.context.undo.write(unit.state, pair.referencing.key, value)
      let changed = this.syncedColumns.get(unit)
      if (changed === undefined) this.syncedColumns.set(unit, (changed = new Set()))
      changed.add(pair.referencing.key)
    }
  }

  private async updateUnit(unit: SaveUnit): Promise<void> {
    const { state } = unit
    const columns = new Set([...(state.original?.keys() ?? []), ...(this.syncedColumns.get(unit) ?? [])])
    if (columns.size === 0) return
    const values: Record<string, unknown> = {}
    for (const key of columns) values[key] = state.values[key]
    await this.updateRow(state, values)
    this.outcome.updated.set(state, [...columns])
  }

  private async postUpdate(state: InstanceState, sync: Sync): Promise<void> {
    const values: Record<string, unknown> = {}
    for (const pair of sync.pairs) {
      const value = sync.source === null ? null : sync.source.values[pair.referenced.key]
      if (value === undefined) throw FlushError.missingKeyValue(sync.property.name, pair.referenced.key)
      this.context.undo.write(state, pair.referencing.key, value)
      values[pair.referencing.key] = value
    }
    await this.updateRow(state, values)
  }

  // UPDATE … WHERE primary key = the key the row has in the database (it may be changing).
  private async updateRow(state: InstanceState, values: Record<string, unknown>): Promise<void> {
    const mapper = mapperOfState(state)
    await loadExpiredVersions(this.context.connection, mapper, [state], 'UPDATE')
    if (mapper.levels !== undefined) return updateJoinedRow(this.context, mapper, state, values)
    const { versionKey } = mapper
    if (versionKey === undefined) {
      const where = matchOne(mapper.primaryKey, mapper.primaryKeyKeys.map((key) => state.committedValue(key)))
      const result = await this.execute(update(mapper.table).values(values as never).where(where))
      if (result.rowCount !== 1) throw StaleDataError.rowCountMismatch('UPDATE', mapper.table.name, 1, result.rowCount)
      return
    }
    // UPDATE … SET version = old + 1 WHERE key = … AND version = old: no match means someone else wrote first.
    const columns = [...mapper.primaryKey, mapper.columnByKey.get(versionKey) as AnyColumn]
    const loadedVersion = state.committedValue(versionKey)
    const where = matchOne(columns, columns.map((column) => state.committedValue(column.key)))
    const nextVersion = Number(loadedVersion) + 1
    const result = await this.execute(update(mapper.table).values({ ...values, [versionKey]: nextVersion } as never).where(where))
    if (result.rowCount !== 1) throw StaleDataError.versionMismatch('UPDATE', mapper.table.name, versionKey, 1, result.rowCount)
    this.context.undo.write(state, versionKey, nextVersion)
  }

  private async insertSecondaryRows(rows: readonly SecondaryRow[]): Promise<void> {
    for (const [table, group] of groupByTable(rows)) {
      const values = group.map(secondaryValues)
      for (const part of chunk(values, Object.keys(values[0]).length, this.context.capabilities.maxParameters)) await this.execute(insert(table).values(part as never))
    }
  }

  private async deleteSecondaryRows(rows: readonly SecondaryRow[]): Promise<void> {
    for (const [table, group] of groupByTable(rows)) {
      const { parentPairs, targetPairs } = group[0].join
      const columns = [...parentPairs, ...targetPairs].map((pair) => pair.referencing)
      const tuples = group.map((row) => columns.map((column) => secondaryValues(row)[column.key]))
      await this.deleteWhere(table, columns, tuples)
    }
  }

  private async deleteWhere(table: Parameters<typeof deleteFrom>[0], columns: readonly AnyColumn[], tuples: readonly (readonly unknown[])[]): Promise<void> {
    for (const part of chunk(tuples, columns.length, this.context.capabilities.maxParameters)) await this.execute(deleteFrom(table).where(matchAny(columns, part)))
  }

  private async clearForeignKeys(table: Parameters<typeof update>[0], pairs: readonly ColumnPair[], parents: readonly InstanceState[]): Promise<void> {
    const cleared = Object.fromEntries(pairs.map((pair) => [pair.referencing.key, null]))
    const tuples = parents.map((parent) => pairs.map((pair) => parent.committedValue(pair.referenced.key)))
    const columns = pairs.map((pair) => pair.referencing)
    for (const part of chunk(tuples, columns.length, this.context.capabilities.maxParameters)) await this.execute(update(table).values(cleared as never).where(matchAny(columns, part)))
  }

  private execute: InsertContext['connection']['execute'] = (statement, params) => this.context.connection.execute(statement, params)
}

function secondaryValues(row: SecondaryRow): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const pair of row.join.parentPairs) values[pair.referencing.key] = row.parent.values[pair.referenced.key]
  for (const pair of row.join.targetPairs) values[pair.referencing.key] = row.target.values[pair.referenced.key]
  return values
}

function groupByTable(rows: readonly SecondaryRow[]): Map<SecondaryRow['join']['table'], SecondaryRow[]> {
  const groups = new Map<SecondaryRow['join']['table'], SecondaryRow[]>()
  for (const row of rows) {
    const list = groups.get(row.join.table)
    if (list === undefined) groups.set(row.join.table, [row])
    else list.push(row)
  }
  return groups
}

function isSame(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime())
}
