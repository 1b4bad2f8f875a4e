import { type AnyColumn, type Connection, type DialectCapabilities, insert, text } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { FlushError } from './errors/flush-error'
import type { InstanceState } from './instance-state'
import { chunk } from './key-conditions'
import type { UndoLog } from './undo-log'

/** What INSERTs need of a mapper: a mapped class's, or one table of a joined-table hierarchy (a `TableLevel`). */
export type InsertTarget = Pick<EntityMapper, 'table' | 'columns' | 'primaryKey' | 'primaryKeyKeys' | 'identityOf'>

/** What inserting needs from the flush. */
export interface InsertContext {
  readonly connection: Connection
  readonly capabilities: DialectCapabilities
  readonly undo: UndoLog
  /** The step between consecutive AUTO_INCREMENT values (MySQL's auto_increment_increment), read once. */
  autoIncrementStep(): Promise<number>
}

/** What the INSERT of one object left to do in memory. */
export interface InsertedRow {
  readonly state: InstanceState
  /** Columns the database filled in (generated key, server defaults read back). */
  readonly generated: readonly string[]
  /** Server-default columns that could not be read back: expired, loaded on refresh. */
  readonly expired: readonly string[]
}

/**
 * Inserts the objects of one table in as few statements as possible: rows with the same columns
 * go in one multi-row INSERT (split only to stay under the driver's parameter limit), and the
 * keys the database generates are read back — with RETURNING where the database has it,
 * otherwise from the driver's insert id.
 *
 * ```ts
 * await insertStates(context, mapperOf(User), states) // one INSERT … VALUES (…), (…) RETURNING id
 * ```
 */
export async function insertStates(context: InsertContext, mapper: InsertTarget, states: readonly InstanceState[]): Promise<InsertedRow[]> {
  const withClientDefault = mapper.columns.filter((column) => column.config.clientDefault !== undefined)
  if (withClientDefault.length > 0) for (const state of states) applyClientDefaults(context.undo, withClientDefault, state)
  const inserted: InsertedRow[] = []
  for (const group of groupByShape(mapper, states).values()) inserted.push(...(await insertGroup(context, mapper, group.columns, group.states)))
  return inserted
}

// A client-side default is computed here, not left to Core, so the object holds the value written.
function applyClientDefaults(undo: UndoLog, columns: readonly AnyColumn[], state: InstanceState): void {
  for (const column of columns) {
    const fallback = column.config.clientDefault
    if (fallback !== undefined && state.values[column.key] === undefined) undo.write(state, column.key, 'value' in fallback ? fallback.value : fallback.generate())
  }
}

function groupByShape(mapper: InsertTarget, states: readonly InstanceState[]): Map<string, { columns: AnyColumn[]; states: InstanceState[] }> {
  const groups = new Map<string, { columns: AnyColumn[]; states: InstanceState[] }>()
  const keys = mapper.columns.map((column) => column.key)
  for (const state of states) {
    // One character per column (set or not): a column list per shape, not per object.
    const values = state.values
    let shape = ''
    for (const key of keys) shape += values[key] === undefined ? '0' : '1'
    const group = groups.get(shape)
    if (group === undefined) groups.set(shape, { columns: mapper.columns.filter((column) => values[column.key] !== undefined), states: [state] })
    else group.states.push(state)
  }
  return groups
}

async function insertGroup(context: InsertContext, mapper: InsertTarget, columns: readonly AnyColumn[], states: readonly InstanceState[]): Promise<InsertedRow[]> {
  const omitted = mapper.columns.filter((column) => !columns.includes(column))
  const generatedKey = mapper.primaryKey.filter((column) => omitted.includes(column))
  const serverDefaults = omitted.filter((column) => column.config.serverDefault !== undefined && !mapper.primaryKey.includes(column))
  // Left-out nullable columns without a default are NULL in the row: the object says so too.
  for (const column of omitted) {
    if (!generatedKey.includes(column) && !serverDefaults.includes(column)) for (const state of states) context.undo.write(state, column.key, null)
  }
  const readBack = [...generatedKey, ...serverDefaults]
  const isAutoincrementKey = mapper.primaryKey.length === 1 && generatedKey.length === 1 && generatedKey[0].isAutoincrement
  // An INSERT of no columns is `DEFAULT VALUES`, one row per statement.
  const perStatement = columns.length === 0 ? states.map((state) => [state]) : chunk(states, columns.length, context.capabilities.maxParameters)
  if (readBack.length === 0) {
    for (const part of perStatement) await context.connection.execute(insertOf(mapper, columns, part))
    return states.map((state) => ({ state, generated: [], expired: [] }))
  }
  if (context.capabilities.insertReturning) {
    const returned = [...mapper.primaryKey, ...serverDefaults]
    // Without a way to match returned rows to objects (no client key, no ordered integer key), one row per INSERT.
    const parts = generatedKey.length > 0 && !isAutoincrementKey ? states.map((state) => [state]) : perStatement
    for (const part of parts) await insertReturning(context, mapper, columns, returned, part, isAutoincrementKey)
    // One list for the group: every row of it had the same columns filled in.
    const generated = readBack.map((column) => column.key)
    return states.map((state) => ({ state, generated, expired: [] }))
  }
  if (generatedKey.length > 0 && !isAutoincrementKey) throw FlushError.cannotReadGeneratedKey(mapper.table.name)
  for (const part of perStatement) await insertReadingInsertId(context, mapper, columns, part, generatedKey[0])
  const generated = generatedKey.map((column) => column.key)
  const expired = serverDefaults.map((column) => column.key)
  return states.map((state) => ({ state, generated, expired }))
}

async function insertReturning(
  context: InsertContext,
  mapper: InsertTarget,
  columns: readonly AnyColumn[],
  returned: readonly AnyColumn[],
  states: readonly InstanceState[],
  isAutoincrementKey: boolean,
): Promise<void> {
  const result = await context.connection.execute(insertOf(mapper, columns, states).returning(...returned))
  const rows = result.all() as Record<string, unknown>[]
  let matched: (Record<string, unknown> | undefined)[]
  if (states.length === 1) matched = [rows[0]]
  else if (isAutoincrementKey) {
    // The order of RETURNING rows is not promised, but the generated ids of one multi-row INSERT
    // ascend in VALUES order (SQLite rowids, PostgreSQL sequence calls, MariaDB auto-increment),
    // so sorting by id lines the rows up with the objects.
    const key = mapper.primaryKeyKeys[0]
    matched = [...rows].sort((a, b) => compareKeys(a[key], b[key]))
  } else {
    // The key was set on the client: match by it.
    const byIdentity = new Map(rows.map((row) => [mapper.identityOf(row), row]))
    matched = states.map((state) => byIdentity.get(mapper.identityOf(state.values)))
  }
  states.forEach((state, index) => {
    const row = matched[index]
    if (row === undefined) throw FlushError.noInsertId(mapper.table.name)
    for (const column of returned) if (state.values[column.key] === undefined) context.undo.write(state, column.key, row[column.key])
  })
}

// MySQL (and MariaDB before 10.5) have no INSERT … RETURNING. The driver's insert id is the id of
// the FIRST row of a multi-row INSERT, and a "simple insert" (row count known up front) gets
// consecutive ids — every innodb_autoinc_lock_mode reserves them in one go for such a statement —
// spaced by auto_increment_increment (1 unless set, e.g. by Galera or group replication).
// https://dev.mysql.com/doc/refman/8.0/en/innodb-auto-increment-handling.html
async function insertReadingInsertId(context: InsertContext, mapper: InsertTarget, columns: readonly AnyColumn[], states: readonly InstanceState[], key: AnyColumn): Promise<void> {
  const result = await context.connection.execute(insertOf(mapper, columns, states))
  const first = result.insertId
  if (first === undefined) throw FlushError.noInsertId(mapper.table.name)
  const step = states.length > 1 ? await context.autoIncrementStep() : 1
  const isBigint = key.sqlType?.name === 'bigint' && key.sqlType.mode !== 'number'
  states.forEach((state, index) => {
    context.undo.write(state, key.key, isBigint ? BigInt(first) + BigInt(index * step) : Number(first) + index * step)
  })
}

/**
 * Reads the step between AUTO_INCREMENT values, for the insert-id path above (only databases
 * without INSERT … RETURNING take it: MySQL, and MariaDB before 10.5).
 *
 * ```ts
 * await readAutoIncrementStep(connection) // 1
 * ```
 */
export async function readAutoIncrementStep(connection: Connection): Promise<number> {
  const value = (await connection.execute(text<{ step: unknown }>('select @@auto_increment_increment as step'))).scalar()
  const step = Number(value)
  return Number.isInteger(step) && step > 0 ? step : 1
}

function insertOf(mapper: InsertTarget, columns: readonly AnyColumn[], states: readonly InstanceState[]) {
  const rows = states.map((state) => {
    const row: Record<string, unknown> = {}
    for (const column of columns) row[column.key] = state.values[column.key]
    return row
  })
  // Keyed by the mapper's column keys, which Core cannot check for an `AnyTable`.
  return insert(mapper.table).values(rows as never)
}

function compareKeys(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
}
