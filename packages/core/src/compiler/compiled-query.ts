import type { ResultColumn } from '../nodes/result-column'
import type { SqlType } from '../schema/sql-type'

/** A named parameter to be filled in at execution time (from `text()` or `bindParam()`). */
export interface ParameterSlot {
  /** Position in `params`. */
  readonly index: number
  readonly name: string
  readonly type: SqlType | undefined
}

/** A statement compiled for one dialect. */
export interface CompiledQuery {
  readonly sql: string
  /** Bound values in placeholder order, already converted for the driver; named slots hold `undefined`. */
  readonly params: readonly unknown[]
  /** Named parameters to fill from `execute(statement, { name: value })`. */
  readonly parameterSlots: readonly ParameterSlot[]
  /**
   * The result columns, when the statement's rows are known (SELECT, RETURNING): rows are read
   * as arrays and keyed by `key`. Undefined for `text()`: rows keep the database's column names.
   */
  readonly resultColumns: readonly ResultColumn[] | undefined
  /** True when the statement returns rows (SELECT, RETURNING, or text that reads). */
  readonly returnsRows: boolean | undefined
}
