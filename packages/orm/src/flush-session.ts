import type { Connection } from '@athanor/core'
import { DependencyProcessor } from './dependency-processor'
import { collectDeletions } from './deletion-set'
import { fireMapperEvent, hasMapperListeners } from './events'
import { FlushExecutor, type FlushOutcome } from './flush-executor'
import { type FlushPlan, planFlush } from './flush-plan'
import { type FlushWork, isEmptyWork } from './flush-work'
import type { InstanceLoader } from './instance-loader'
import type { InstanceState } from './instance-state'
import { configureMappers, mapperOfState } from './mapper'
import { createCollection } from './relationship-events'
import { RelationshipLoader } from './relationship-loader'
import type { SessionTransaction } from './session-transaction'
import { UndoLog } from './undo-log'
import type { UnitOfWork } from './unit-of-work'

/** What a flush works with; the Session hands these over. */
export interface FlushContext {
  readonly uow: UnitOfWork
  readonly transaction: SessionTransaction
  readonly instances: InstanceLoader
  autoIncrementStep(connection: Connection): Promise<number>
}

/**
 * One flush: works out the rows to write, orders them, writes them, and only then updates the
 * session's bookkeeping. Failure semantics — nothing is ever half-applied:
 *
 * - the database: the statements run in a SAVEPOINT that a failure rolls back, or, for the first
 *   writes of a transaction, the failure rolls back the whole transaction (there is nothing
 *   else in it to lose);
 * - memory: values the flush put into objects (keys, foreign keys, defaults) are restored, and
 *   pending, modified and deleted objects stay as they were, so the caller can fix the cause
 *   and flush again, or call `rollback()`.
 *
 * ```ts
 * await flushSession(context) // INSERT users, INSERT posts, UPDATE …, DELETE …
 * ```
 */
export async function flushSession(context: FlushContext): Promise<void> {
  const { uow, transaction } = context
  if (!uow.hasWork) {
    forgetUnchanged(uow)
    return
  }
  configureMappers()
  const connection = await transaction.connection()
  const deletions = await collectDeletions(uow, () => new RelationshipLoader(connection, uow, context.instances))
  const work = new DependencyProcessor(uow, deletions).process()
  if (isEmptyWork(work)) {
    finalizeFlush(uow, work, { inserted: [], updated: new Map() })
    return
  }
  const plan = planFlush(work)
  // Without listeners there is nothing to await per object (6,000 awaits for 3,000 new rows).
  const sequence = hasMapperListeners() ? eventSequence(plan) : []
  for (const [state, event] of sequence) await fireMapperEvent(state.instance, event, connection)
  const undo = new UndoLog()
  const executor = new FlushExecutor({
    connection,
    capabilities: connection.dialect.capabilities,
    undo,
    autoIncrementStep: () => context.autoIncrementStep(connection),
  })
  const inSavepoint = transaction.needsFlushSavepoint
  let outcome: FlushOutcome
  try {
    outcome = inSavepoint ? await connection.beginNested(() => executor.run(work, plan)) : await executor.run(work, plan)
  } catch (error) {
    undo.revert()
    // The rollback's own failure (a lost connection) must not hide the error that caused it.
    if (!inSavepoint) await transaction.rollback().catch(() => undefined)
    throw error
  }
  transaction.hasWrites = true
  finalizeFlush(uow, work, outcome)
  for (const [state, event] of sequence) {
    if (event === 'beforeUpdate' && !outcome.updated.has(state)) continue
    await fireMapperEvent(state.instance, AFTER[event], connection)
  }
}

const AFTER = { beforeInsert: 'afterInsert', beforeUpdate: 'afterUpdate', beforeDelete: 'afterDelete' } as const

// Saved objects in the flush's dependency order, then deleted ones: the before- and after-events follow it.
function eventSequence(plan: FlushPlan): [InstanceState, keyof typeof AFTER][] {
  const sequence: [InstanceState, keyof typeof AFTER][] = []
  for (const step of plan.saves) {
    for (const unit of step.units) {
      if (unit.isInsert) sequence.push([unit.state, 'beforeInsert'])
      else if ((unit.state.original?.size ?? 0) > 0 || unit.syncs.length > 0) sequence.push([unit.state, 'beforeUpdate'])
    }
  }
  for (const step of [...plan.earlyDeletes, ...plan.deletes]) for (const state of step.states) sequence.push([state, 'beforeDelete'])
  return sequence
}

// A row inserted just now is referenced only by what this session linked to it, in memory: its
// collections nobody touched are known to be empty (there is nothing to load).
function initializeCollections(state: InstanceState): void {
  for (const property of mapperOfState(state).relationships) {
    if (property.direction === 'manyToOne' || state.related.has(property.key)) continue
    state.related.set(property.key, property.isList ? createCollection(state, property, []) : null)
  }
}

function forgetUnchanged(uow: UnitOfWork): void {
  for (const state of uow.modified) state.clearChanges()
  uow.modified.clear()
}

// Everything was written: pending objects become persistent, changes are forgotten, deleted
// objects leave the identity map (they stay "deleted" until commit or rollback).
function finalizeFlush(uow: UnitOfWork, work: FlushWork, outcome: FlushOutcome): void {
  const scope = uow.scope
  // Rows of one INSERT share their list of generated columns, so they can share its Set (only read).
  const generatedSets = new Map<readonly string[], Set<string>>()
  for (const row of outcome.inserted) {
    const { state } = row
    state.identity = mapperOfState(state).identityOf(state.values)
    uow.pending.delete(state)
    uow.identityMap.add(state)
    scope.inserted.add(state)
    if (row.generated.length > 0) {
      let generated = generatedSets.get(row.generated)
      if (generated === undefined) generatedSets.set(row.generated, (generated = new Set(row.generated)))
      state.generated = generated
    }
    if (row.expired.length > 0) state.expire(row.expired, [])
    state.clearChanges()
    initializeCollections(state)
  }
  for (const state of outcome.updated.keys()) {
    const previous = state.identity
    const current = mapperOfState(state).identityOf(state.values)
    if (previous !== undefined && current !== undefined && current !== previous) {
      state.identity = current
      uow.identityMap.rekey(state, previous)
    }
  }
  for (const unit of work.saves.values()) {
    unit.state.clearChanges()
    if (!unit.isInsert) scope.touched.add(unit.state)
  }
  forgetUnchanged(uow)
  for (const state of work.deletes) {
    uow.identityMap.remove(state)
    uow.deleted.delete(state)
    state.isDeleted = true
    state.clearChanges()
    scope.deletedRows.add(state)
  }
  for (const state of work.expunged) uow.detach(state)
  uow.orphanCandidates.clear()
  for (const clear of work.foreignKeyClears) clearLoadedForeignKeys(uow, clear.property.pairs, clear.parents, clear.property.target.table)
}

// Children un-linked by `UPDATE … SET fk = NULL WHERE fk IN (…)` may be in memory: match them.
function clearLoadedForeignKeys(uow: UnitOfWork, pairs: FlushWork['foreignKeyClears'][number]['property']['pairs'], parents: readonly InstanceState[], table: unknown): void {
  const parentKeys = new Set(parents.map((parent) => pairs.map((pair) => String(parent.committedValue(pair.referenced.key))).join('\u0000')))
  for (const state of uow.identityMap.values()) {
    if (!mapperOfState(state).tables.some((each) => each === table)) continue
    const key = pairs.map((pair) => String(state.values[pair.referencing.key])).join('\u0000')
    if (parentKeys.has(key)) for (const pair of pairs) state.values[pair.referencing.key] = null
  }
}
