import type { Dialect } from '../compiler/dialect'
import type { CompiledQuery } from '../compiler/compiled-query'
import type { StatementNode } from '../nodes/node'

/** A statement `connection.execute` can run; `Row` is the type of its result rows. */
export interface Executable<Row> {
  readonly node: StatementNode
  /** Phantom: the row type. */
  readonly __row?: Row
  /** Compiles for a dialect, for inspection and tests: `{ sql, params }`. */
  compile(dialect: Dialect): CompiledQuery
}
