import { ArgumentError } from '../errors/argument-error'
import { OperationalError } from '../errors/database-error'
import type { Executable } from '../statements/executable'
import type { DriverConnection, DriverResult } from './driver'
import type { EngineContext } from './engine-context'
import type { IsolationLevel } from './isolation-level'
import { Result } from './result'

/**
 * One connection checked out of the engine's pool. "Commit as you go", as in SQLAlchemy 2.0: the
 * first statement begins a transaction, `commit()` / `rollback()` end it, and `close()` rolls back
 * anything uncommitted before returning the connection to the pool.
 */
export class Connection {
  private isInTransaction = false
  private isClosed = false
  private isBroken = false
  private savepointCount = 0

  constructor(
    private readonly context: EngineContext,
    private readonly driverConnection: DriverConnection,
    private readonly isolationLevel: IsolationLevel | undefined,
  ) {}

  /** True while a transaction is open on this connection. */
  get inTransaction(): boolean {
    return this.isInTransaction
  }

  /**
   * Runs a statement and returns its typed rows. `params` fills named parameters of `text()`:
   * `execute(text("select * from users where name = :name"), { name: "ada" })`.
   */
  async execute<Row>(statement: Executable<Row>, params?: Readonly<Record<string, unknown>>): Promise<Result<Row>> {
    const { preparer } = this.context
    const prepared = preparer.prepare(statement.node)
    const values = preparer.bind(prepared.compiled, params)
    if (!this.isInTransaction) await this.beginTransaction()
    const { shape } = prepared
    const driverResult = await this.run(shape.sql, values, shape.buildRow ? 'array' : 'object', prepared.compiled.returnsRows, shape.readsBigIntegers)
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

  /** Commits the current transaction, if any; the next statement begins a new one. */
  async commit(): Promise<void> {
    if (!this.isInTransaction) return
    this.isInTransaction = false
    await this.run(this.context.dialect.transactionSql.commit, [], 'array', false, false)
  }

  /** Rolls back the current transaction, if any. */
  async rollback(): Promise<void> {
    if (!this.isInTransaction) return
    this.isInTransaction = false
    await this.run(this.context.dialect.transactionSql.rollback, [], 'array', false, false)
  }

  /**
   * Runs `work` inside a SAVEPOINT: released when it resolves, rolled back to when it throws (the
   * error is rethrown; the outer transaction stays usable).
   */
  async beginNested<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    if (!this.isInTransaction) await this.beginTransaction()
    const sql = this.context.dialect.transactionSql
    const name = `athanor_sp_${++this.savepointCount}`
    await this.run(sql.savepoint(name), [], 'array', false, false)
    let result: T
    try {
      result = await work(this)
    } catch (error) {
      if (this.isInTransaction && !this.isBroken) {
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
    try {
      if (this.isInTransaction && !this.isBroken) await this.rollback()
    } catch {
      this.isBroken = true // a connection that cannot roll back must not be reused
    } finally {
      this.isClosed = true
      this.context.events.emit('checkin', this.driverConnection)
      if (this.isBroken) await this.context.pool.invalidate(this.driverConnection)
      else this.context.pool.release(this.driverConnection)
    }
  }

  /** `await using connection = await engine.connect()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  private async beginTransaction(): Promise<void> {
    if (this.isolationLevel === 'AUTOCOMMIT') return
    for (const sql of this.context.dialect.transactionSql.begin(this.isolationLevel)) await this.run(sql, [], 'array', false, false)
    this.isInTransaction = true
  }

  private async run(sql: string, params: readonly unknown[], rowMode: 'array' | 'object', returnsRows: boolean | undefined, readsBigIntegers: boolean): Promise<DriverResult> {
    if (this.isClosed) throw new ArgumentError('This connection is closed; get a new one with engine.connect().')
    const { events } = this.context
    const isObserved = events.has('beforeExecute') || events.has('afterExecute') || this.context.logger !== undefined
    const startedAt = isObserved ? performance.now() : 0
    if (isObserved) events.emit('beforeExecute', { sql, params })
    let result: DriverResult
    try {
      result = await this.driverConnection.execute(sql, params, { rowMode, returnsRows, readsBigIntegers })
    } catch (error) {
      const translated = this.context.dialect.translateError(error, sql)
      if (translated instanceof OperationalError && !translated.isRetryable) this.isBroken = true
      throw translated
    }
    if (isObserved) {
      const durationMs = performance.now() - startedAt
      events.emit('afterExecute', { sql, params, rowCount: result.rowCount, durationMs })
      this.context.logger?.(`${sql} [${params.length} params, ${result.rowCount} rows, ${durationMs.toFixed(2)} ms]`)
    }
    return result
  }
}
