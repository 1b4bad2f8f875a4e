import type { Dialect } from '../compiler/dialect'
import type { StatementNode } from '../nodes/node'
import type { Executable } from '../statements/executable'
import type { ConnectionPool, PoolStatus } from './connection-pool'
import { Connection } from './connection'
import type { EngineContext } from './engine-context'
import { EngineEvents, type EngineEventName, type EngineListener } from './engine-events'
import type { EngineSettings } from './engine-options'
import type { IsolationLevel } from './isolation-level'
import type { StreamOptions } from './row-stream'
import { streamOnOwnConnection } from './engine-stream'
import { StatementPreparer } from './statement-preparer'

/** Per-connection or per-transaction options. */
export interface ConnectOptions {
  /** Overrides the engine's isolation level for this connection's transactions. */
  readonly isolationLevel?: IsolationLevel
}

/**
 * The starting point: a dialect, a pool and settings. Made by `createEngine(url, options)`
 * (`@athanor/dialects`). Hands out connections; `begin(fn)` runs a transaction.
 */
export class Engine {
  private readonly context: EngineContext

  constructor(
    readonly dialect: Dialect,
    private readonly connectionPool: ConnectionPool,
    readonly settings: EngineSettings,
    private readonly events: EngineEvents = new EngineEvents(),
  ) {
    const logger = settings.echo ? (settings.logger ?? ((message: string) => console.log(`[athanor] ${message}`))) : undefined
    this.context = { dialect, pool: connectionPool, events, preparer: new StatementPreparer(dialect), logger }
  }

  /** The pool's counters. */
  get pool(): { status(): PoolStatus } {
    return this.connectionPool
  }

  /** Checks out a connection; close it (or use `await using`) to give it back. */
  async connect(options: ConnectOptions = {}): Promise<Connection> {
    const driverConnection = await this.connectionPool.acquire()
    this.events.emit('checkout', driverConnection)
    return new Connection(this.context, driverConnection, options.isolationLevel ?? this.settings.isolationLevel)
  }

  /**
   * Runs `work` in a transaction on a fresh connection: commits when it resolves, rolls back when
   * it throws (and rethrows), then returns the connection.
   */
  async begin<T>(work: (connection: Connection) => Promise<T>, options: ConnectOptions = {}): Promise<T> {
    const connection = await this.connect(options)
    try {
      const result = await work(connection)
      await connection.commit()
      return result
    } catch (error) {
      await connection.rollback().catch(() => undefined)
      throw error
    } finally {
      await connection.close()
    }
  }

  /**
   * Streams a query's rows (see `Connection.stream`) on a connection checked out for the loop's
   * length: its transaction commits when every row was read and rolls back when the loop is left
   * early or fails, and the connection goes back to the pool as soon as the loop ends.
   *
   * ```ts
   * for await (const user of engine.stream(select(users), { batchSize: 1000 })) await send(user)
   * ```
   */
  stream<Row>(statement: Executable<Row>, options: StreamOptions & ConnectOptions = {}): AsyncGenerator<Row, void, undefined> {
    return streamOnOwnConnection(() => this.connect(options), statement, options)
  }

  /**
   * Listens to an engine event: `connect`, `checkout`, `checkin`, `invalidate`, `close`,
   * `beforeExecute`, `afterExecute`. Returns an unsubscribe function.
   *
   * ```ts
   * const stop = engine.on("invalidate", ({ reason, error }) => log.warn(`connection dropped: ${reason}`, error))
   * ```
   */
  on<E extends EngineEventName>(event: E, listener: EngineListener<E>): () => void {
    return this.events.on(event, listener)
  }

  /** Runs DDL statements in one transaction (which rolls them back where the database has transactional DDL). */
  async runDdl(nodes: readonly StatementNode[]): Promise<void> {
    await this.begin(async (connection) => {
      for (const node of nodes) await connection.execute({ node, compile: (dialect) => dialect.compile(node) })
    })
  }

  /**
   * Closes every pooled connection; the engine stays usable and later checkouts open new
   * connections (as SQLAlchemy's `engine.dispose()`: call it after a fork, a failover, or at
   * shutdown). Idle connections are closed before the promise resolves; connections still checked
   * out are closed when they are returned, never reused; callers waiting for a connection are
   * served by the new connections. With `sqlite::memory:` the database lives in its one
   * connection, so dispose() discards the data.
   */
  async dispose(): Promise<void> {
    await this.connectionPool.dispose()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}
