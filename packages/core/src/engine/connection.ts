import type { Dialect } from '../compiler/dialect'
import { ArgumentError } from '../errors/argument-error'
import { OperationalError } from '../errors/database-error'
import type { Executable } from '../statements/executable'
import type { DriverConnection, DriverResult, DriverStreamOptions } from './driver'
import type { EngineContext } from './engine-context'
import type { IsolationLevel } from './isolation-level'
import { Result } from './result'
import { RowStream, type RowStreamSource, type StreamOptions, streamBatchSize } from './row-stream'
import { type BatchStep, isParameterList, type ParameterSet, planBatch, runBatch } from './statement-batch'

const NO_PARAMS: readonly unknown[] = Object.freeze([])

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/**
 * One connection checked out of the engine's pool. "Commit as you go", as in SQLAlchemy 2.0: the
 * first statement begins a transaction, `commit()` / `rollback()` end it, and `close()` rolls back
 * anything uncommitted before returning the connection to the pool.
 *
 * A driver error that means the database connection is gone (`OperationalError.isDisconnect`)
 * invalidates it on the spot: the pool discards it (and replaces the connections opened before
 * it), and every later statement on this `Connection` fails; close it and check out another.
 */
export class Connection {
  private isInTransaction = false
  private isClosed = false
  /** Set once the database connection was discarded; what caused it (undefined: invalidate() without a reason). */
  private invalidation: { readonly cause: unknown } | undefined
  private savepointCount = 0
  /** The stream being read on this connection; other statements are refused until it ends. */
  private openStream: RowStream<unknown> | undefined

  constructor(
    private readonly context: EngineContext,
    private readonly driverConnection: DriverConnection,
    private readonly isolationLevel: IsolationLevel | undefined,
  ) {}

  /** True while a transaction is open on this connection. */
  get inTransaction(): boolean {
    return this.isInTransaction
  }

  /** True once the database connection was discarded, by `invalidate()` or because it was lost. */
  get invalidated(): boolean {
    return this.invalidation !== undefined
  }

  /** The server's id for this connection (PostgreSQL backend pid, MySQL connection id); undefined for SQLite. */
  get serverConnectionId(): number | undefined {
    return this.driverConnection.serverConnectionId
  }

  /**
   * The engine's dialect: what this database can do (`connection.dialect.capabilities`), for
   * layers such as the ORM that build statements for the connection they were handed.
   */
  get dialect(): Dialect {
    return this.context.dialect
  }

  /**
   * Runs a statement and returns its typed rows. `params` fills named parameters of `text()` and
   * `bindParam()`: `execute(text("select * from users where name = :name"), { name: "ada" })`.
   * A list of parameter sets runs the statement once per set (executemany), as one statement:
   * `rowCount` summed, rows concatenated, all or nothing (a savepoint inside the transaction).
   *
   * ```ts
   * await connection.execute(text("insert into t (a) values (:a)"), [{ a: 1 }, { a: 2 }])
   * ```
   */
  async execute<Row>(statement: Executable<Row>, params?: ParameterSet | readonly ParameterSet[]): Promise<Result<Row>> {
    if (this.openStream !== undefined) throw ArgumentError.streamOpen()
    const { maxParameters } = this.context.dialect.capabilities
    if (isParameterList(params)) return this.executeBatch<Row>(planBatch(statement, params, maxParameters))
    const { preparer } = this.context
    const prepared = preparer.prepare(statement.node)
    // Only an INSERT whose compiled form carries more values than the driver takes is split.
    if (prepared.compiled.params.length > maxParameters && statement.node.kind === 'InsertNode') {
      const steps = planBatch(statement, params, maxParameters)
      if (steps.length > 1) return this.executeBatch<Row>(steps)
    }
    const values = preparer.bind(prepared.compiled, params)
    if (!this.isInTransaction) {
      const begun = this.beginTransaction()
      if (begun !== undefined) await begun
    }
    const { shape } = prepared
    // A synchronous driver (better-sqlite3) hands back its result at once: no await, no extra tick.
    const pending = this.run(shape.sql, values, shape.buildRow ? 'array' : 'object', prepared.compiled.returnsRows, shape.readsBigIntegers)
    const driverResult = isPromise(pending) ? await pending : pending
    if (shape.buildRow === undefined) {
      const rows = driverResult.rows as Row[]
      const keys = rows.length > 0 ? Object.keys(rows[0] as object) : []
      return new Result(rows, driverResult.rowCount, keys, driverResult.insertId)
    }
    const buildRow = shape.buildRow
    const rawRows = driverResult.rows as readonly unknown[][]
    const rows = new Array<Row>(rawRows.length)
    for (let index = 0; index < rawRows.length; index++) rows[index] = buildRow(rawRows[index]) as Row
    return new Result(rows, driverResult.rowCount, shape.keys, driverResult.insertId)
  }

  /**
   * Streams a query's rows from a server-side cursor (a PostgreSQL cursor, mysql2 streaming,
   * better-sqlite3 iteration), `batchSize` rows at a time (1000 by default), so memory stays flat
   * however many rows arrive. Rows are typed and converted as `execute` returns them; `params`
   * fills named parameters. The cursor opens on the loop's first step, in the connection's
   * transaction (begun if none is open). Until the loop ends the connection refuses other
   * statements; leaving it early (`break`, `return`, a throw) closes the cursor, and the
   * connection stays checked out until you close it.
   *
   * ```ts
   * for await (const user of connection.stream(select(users), { batchSize: 500 })) await send(user)
   * for await (const row of connection.stream(text("select * from logs where day = :day"), { params: { day } })) count++
   * ```
   */
  stream<Row>(statement: Executable<Row>, options: StreamOptions = {}): RowStream<Row> {
    const batchSize = streamBatchSize(options)
    const { preparer } = this.context
    const { compiled, shape } = preparer.prepare(statement.node)
    if (compiled.returnsRows === false) throw ArgumentError.notStreamable(shape.sql)
    const params = preparer.bind(compiled, options.params)
    const driverOptions: DriverStreamOptions = { rowMode: shape.buildRow ? 'array' : 'object', returnsRows: compiled.returnsRows, readsBigIntegers: shape.readsBigIntegers, batchSize }
    const source: RowStreamSource = {
      sql: shape.sql,
      params,
      open: () => this.openCursor(stream, shape.sql, params, driverOptions),
      translateError: (error) => this.translateDriverError(error, shape.sql),
      release: () => {
        if (this.openStream === stream) this.openStream = undefined
      },
    }
    const stream: RowStream<Row> = new RowStream<Row>(source, shape.buildRow, this.context)
    return stream
  }

  /** Commits the current transaction, if any; the next statement begins a new one. */
  async commit(): Promise<void> {
    if (this.openStream !== undefined) throw ArgumentError.streamOpen()
    if (!this.isInTransaction) return
    // The server rolled the transaction back when the connection died: committing must not look like it worked.
    if (this.invalidation !== undefined) throw OperationalError.connectionInvalidated(this.invalidation.cause)
    this.isInTransaction = false
    const pending = this.run(this.context.dialect.transactionSql.commit, NO_PARAMS, 'array', false, false)
    if (isPromise(pending)) await pending
  }

  /** Rolls back the current transaction, if any. On an invalidated connection there is nothing left to roll back. */
  async rollback(): Promise<void> {
    if (this.openStream !== undefined) throw ArgumentError.streamOpen()
    if (!this.isInTransaction) return
    this.isInTransaction = false
    if (this.invalidation !== undefined) return
    await this.run(this.context.dialect.transactionSql.rollback, [], 'array', false, false)
  }

  /**
   * Runs `work` inside a SAVEPOINT: released when it resolves, rolled back to when it throws (the
   * error is rethrown; the outer transaction stays usable).
   */
  async beginNested<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    if (this.openStream !== undefined) throw ArgumentError.streamOpen()
    if (!this.isInTransaction) await this.beginTransaction()
    const sql = this.context.dialect.transactionSql
    const name = `athanor_sp_${++this.savepointCount}`
    await this.run(sql.savepoint(name), [], 'array', false, false)
    let result: T
    try {
      result = await work(this)
    } catch (error) {
      if (this.isInTransaction && this.invalidation === undefined) {
        await this.run(sql.rollbackToSavepoint(name), [], 'array', false, false)
        await this.run(sql.releaseSavepoint(name), [], 'array', false, false)
      }
      throw error
    }
    await this.run(sql.releaseSavepoint(name), [], 'array', false, false)
    return result
  }

  /** Rolls back anything uncommitted and returns the connection to the pool. Safe to call twice. */
  async close(): Promise<void> {
    if (this.isClosed) return
    let rollbackError: unknown
    try {
      // An open stream ends first: its cursor is closed before the rollback.
      if (this.openStream !== undefined) await this.openStream.cancel()
      if (this.isInTransaction) await this.rollback()
    } catch (error) {
      rollbackError = error
    }
    this.isClosed = true
    this.context.events.emit('checkin', this.driverConnection)
    if (this.invalidation !== undefined) return // the pool has already discarded it
    // A connection that cannot roll back must not be reused.
    if (rollbackError !== undefined) await this.context.pool.invalidate(this.driverConnection, 'resetFailed', rollbackError)
    else await this.context.pool.release(this.driverConnection)
  }

  /**
   * Discards the database connection instead of returning it to the pool, for a connection you
   * know is broken or must not be reused (e.g. after changing session state you cannot undo).
   * The pool opens a new one when needed; this `Connection` is closed.
   */
  async invalidate(error?: unknown): Promise<void> {
    if (this.isClosed) return
    await this.discardDriverConnection('requested', error)
    await this.close()
  }

  /** `await using connection = await engine.connect()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  /** Sends BEGIN (and any isolation statement); undefined when a synchronous driver is already done. */
  private beginTransaction(): Promise<void> | undefined {
    if (this.isolationLevel === 'AUTOCOMMIT') return undefined
    const statements = this.context.dialect.transactionSql.begin(this.isolationLevel)
    for (let index = 0; index < statements.length; index++) {
      const pending = this.run(statements[index], NO_PARAMS, 'array', false, false)
      if (isPromise(pending)) return this.finishBegin(pending, statements.slice(index + 1))
    }
    this.isInTransaction = true
    return undefined
  }

  private async finishBegin(pending: Promise<DriverResult>, rest: readonly string[]): Promise<void> {
    await pending
    for (const sql of rest) await this.run(sql, NO_PARAMS, 'array', false, false)
    this.isInTransaction = true
  }

  // A savepoint makes several statements all-or-nothing, as one would be; in AUTOCOMMIT mode there
  // is no transaction to hold one, and each statement commits on its own.
  private async executeBatch<Row>(steps: readonly BatchStep[]): Promise<Result<Row>> {
    const runSteps = () => runBatch<Row>(steps, (step) => this.execute(step.statement as Executable<Row>, step.params))
    return steps.length > 1 && this.isolationLevel !== 'AUTOCOMMIT' ? this.beginNested(runSteps) : runSteps()
  }

  /**
   * Sends one statement, with the engine's events and log around it when anyone listens. Returns
   * the driver's result as the driver gives it: directly from a synchronous driver, else a promise.
   * Driver errors come back translated (as a rejected promise).
   */
  private run(sql: string, params: readonly unknown[], rowMode: 'array' | 'object', returnsRows: boolean | undefined, readsBigIntegers: boolean): DriverResult | Promise<DriverResult> {
    if (this.isClosed) throw ArgumentError.connectionClosed()
    if (this.invalidation !== undefined) throw OperationalError.connectionInvalidated(this.invalidation.cause)
    const { events } = this.context
    if (events.has('beforeExecute') || events.has('afterExecute') || this.context.logger !== undefined) return this.runObserved(sql, params, rowMode, returnsRows, readsBigIntegers)
    let pending: DriverResult | Promise<DriverResult>
    try {
      pending = this.driverConnection.execute(sql, params, { rowMode, returnsRows, readsBigIntegers })
    } catch (error) {
      return this.failed(error, sql)
    }
    return isPromise(pending) ? pending.catch((error: unknown) => this.failed(error, sql)) : pending
  }

  private async runObserved(sql: string, params: readonly unknown[], rowMode: 'array' | 'object', returnsRows: boolean | undefined, readsBigIntegers: boolean): Promise<DriverResult> {
    const { events } = this.context
    const startedAt = performance.now()
    events.emit('beforeExecute', { sql, params })
    let result: DriverResult
    try {
      result = await this.driverConnection.execute(sql, params, { rowMode, returnsRows, readsBigIntegers })
    } catch (error) {
      throw await this.translateDriverError(error, sql)
    }
    const durationMs = performance.now() - startedAt
    events.emit('afterExecute', { sql, params, rowCount: result.rowCount, durationMs })
    this.context.logger?.(`${sql} [${params.length} params, ${result.rowCount} rows, ${durationMs.toFixed(2)} ms]`)
    return result
  }

  private async failed(error: unknown, sql: string): Promise<never> {
    throw await this.translateDriverError(error, sql)
  }

  private async translateDriverError(error: unknown, sql: string): Promise<Error> {
    const translated = this.context.dialect.translateError(error, sql)
    // Only a lost connection is discarded: after a deadlock, a lock timeout or a constraint
    // violation the connection is still fine (rollback() makes it usable again).
    if (translated instanceof OperationalError && translated.isDisconnect) await this.discardDriverConnection('disconnect', translated)
    return translated
  }

  // The stream is registered before BEGIN is sent, so no statement slips in between.
  private async openCursor(stream: RowStream<unknown>, sql: string, params: readonly unknown[], options: DriverStreamOptions): Promise<AsyncIterator<readonly unknown[]>> {
    if (this.isClosed) throw ArgumentError.connectionClosed()
    if (this.invalidation !== undefined) throw OperationalError.connectionInvalidated(this.invalidation.cause)
    if (this.openStream !== undefined) throw ArgumentError.streamOpen()
    this.openStream = stream
    if (!this.isInTransaction) await this.beginTransaction()
    return this.driverConnection.stream(sql, params, options)[Symbol.asyncIterator]()
  }

  /** Hands the database connection back to the pool for closing; this object stays open but unusable. */
  private async discardDriverConnection(reason: 'requested' | 'disconnect', cause: unknown): Promise<void> {
    if (this.invalidation !== undefined) return
    this.invalidation = { cause }
    await this.context.pool.invalidate(this.driverConnection, reason, cause)
  }
}
