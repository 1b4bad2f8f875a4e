import { ArgumentError } from '../errors/argument-error'
import type { ForUpdateClause } from '../nodes/select-node'
import type { FromSource } from '../sources/from-source'

/** What `forUpdate({ … })` takes. */
export interface ForUpdateOptions {
  /** SKIP LOCKED: leave out rows another transaction has locked (a work queue's usual read). */
  readonly skipLocked?: boolean
  /** NOWAIT: fail at once instead of waiting for another transaction's lock. */
  readonly nowait?: boolean
  /** FOR UPDATE OF: lock only these tables' (or aliases') rows in a join. */
  readonly of?: FromSource | readonly FromSource[]
}

/** The clause for the options; SKIP LOCKED and NOWAIT exclude each other. */
export function forUpdateClauseOf(options: ForUpdateOptions): ForUpdateClause {
  if (options.skipLocked && options.nowait) throw new ArgumentError('forUpdate(): skipLocked and nowait exclude each other; choose one.')
  const of = options.of === undefined ? [] : Array.isArray(options.of) ? (options.of as readonly FromSource[]) : [options.of as FromSource]
  return { waitPolicy: options.skipLocked ? 'skip locked' : options.nowait ? 'nowait' : 'wait', of: of.map((source) => source.node) }
}
