import { ArgumentError } from '../errors/argument-error'
import type { ExpressionNode } from '../nodes/expression-node'
import { orderByNode, type OrderByNode } from '../nodes/order-by-node'
import { valueNode } from '../nodes/value-node'
import type { FrameBound, WindowFrame } from '../nodes/window-function-node'
import { inferSqlType } from '../schema/sql-type'
import type { Expression } from './expression'
import { OrderingTerm } from './ordering-term'

/**
 * One end of a window frame, as in SQLAlchemy: `null` is unbounded (preceding at the start,
 * following at the end), `0` the current row, `-n` n rows (or, for `range`, values) preceding,
 * `n` n following.
 */
export type FrameBoundValue = number | null

/**
 * The frame of a window: `{ rows: [null, 0] }` is `rows between unbounded preceding and current row`
 * (a running total); `{ range: [-7, 0] }` is `range between 7 preceding and current row`.
 */
export type FrameSpecification =
  | { readonly rows: readonly [start: FrameBoundValue, end: FrameBoundValue]; readonly range?: never }
  | { readonly range: readonly [start: FrameBoundValue, end: FrameBoundValue]; readonly rows?: never }

/** What `over({ … })` takes; every part is optional (`over()` is the whole result). */
export interface WindowSpecification {
  readonly partitionBy?: Expression<unknown> | readonly Expression<unknown>[]
  readonly orderBy?: OrderingTerm | Expression<unknown> | readonly (OrderingTerm | Expression<unknown>)[]
  readonly frame?: FrameSpecification
}

/** The parts of a window specification as nodes. */
export function windowParts(window: WindowSpecification): { partitionBy: ExpressionNode[]; orderBy: OrderByNode[]; frame: WindowFrame | undefined } {
  const partitionBy = asList(window.partitionBy).map((expression) => expression.node)
  const orderBy = asList(window.orderBy).map((term) => (term instanceof OrderingTerm ? term.node : orderByNode(term.node)))
  return { partitionBy, orderBy, frame: window.frame && frameOf(window.frame) }
}

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  return value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T]
}

function frameOf(frame: FrameSpecification): WindowFrame {
  const unit = frame.rows !== undefined ? 'rows' : 'range'
  const bounds = frame.rows ?? frame.range
  if (bounds === undefined || (frame.rows !== undefined && frame.range !== undefined)) {
    throw new ArgumentError('over({ frame }): give either { rows: [start, end] } or { range: [start, end] }.')
  }
  const [start, end] = bounds
  for (const bound of [start, end]) {
    const isValid = bound === null || (unit === 'rows' ? Number.isSafeInteger(bound) : Number.isFinite(bound))
    if (!isValid) throw new ArgumentError(`over({ frame }): a ${unit} bound must be null or a${unit === 'rows' ? 'n integer' : ' finite number'}.`)
  }
  if (start !== null && end !== null && start > end) throw new ArgumentError('over({ frame }): the frame starts after it ends.')
  return { unit, start: frameBound(start, 'unbounded preceding'), end: frameBound(end, 'unbounded following') }
}

// Offsets are bound like every other value; the frame says which way they count.
function frameBound(value: FrameBoundValue, unbounded: 'unbounded preceding' | 'unbounded following'): FrameBound {
  if (value === null) return { position: unbounded, offset: undefined }
  if (value === 0) return { position: 'current row', offset: undefined }
  const offset = Math.abs(value)
  return { position: value < 0 ? 'preceding' : 'following', offset: valueNode(offset, inferSqlType(offset)) }
}
