import type { Dialect } from '../compiler/dialect'
import type { ConnectionPool } from './connection-pool'
import type { EngineEvents } from './engine-events'
import type { StatementPreparer } from './statement-preparer'

/** What connections share with their engine. */
export interface EngineContext {
  readonly dialect: Dialect
  readonly pool: ConnectionPool
  readonly events: EngineEvents
  readonly preparer: StatementPreparer
  /** Set when `echo` is on. */
  readonly logger: ((message: string) => void) | undefined
}
