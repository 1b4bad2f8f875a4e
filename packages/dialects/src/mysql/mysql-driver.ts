import { type Driver, type DriverConnection, type DriverExecuteOptions, type DriverResult, type DriverStreamOptions, OperationalError } from '@athanor/core'
import type { Connection as CallbackConnection, Query } from 'mysql2'
import mysql from 'mysql2/promise'

// mysql2 keeps this many prepared statements per connection and closes the least recently used.
// The server caps them for all connections together (max_prepared_stmt_count, 16382 by default),
// so the driver's default of 16000 per connection is far too many for a pool.
const MAX_PREPARED_STATEMENTS = 500

// Status flags the server sends in every OK packet.
// https://dev.mysql.com/doc/dev/mysql-server/latest/mysql__com_8h.html (SERVER_STATUS_flags_enum)
const SERVER_STATUS_IN_TRANS = 0x0001
const SERVER_STATUS_AUTOCOMMIT = 0x0002

/** Where the server is and who logs in. */
export interface MysqlDriverOptions {
  readonly host: string
  readonly port?: number
  readonly user?: string
  readonly password?: string
  readonly database?: string
  /** Told the server's `select version()` once, on the first connection (the dialect learns what it supports). */
  readonly onServerVersion?: (version: string) => void
}

/**
 * Opens mysql2 connections set up for exact values: BIGINT, DECIMAL, dates and JSON arrive as text
 * (mysql-types.ts converts them), and the session time zone is UTC.
 */
export class MysqlDriver implements Driver {
  private hasReportedVersion = false

  constructor(private readonly options: MysqlDriverOptions) {}

  async connect(): Promise<DriverConnection> {
    const connection = await mysql.createConnection({
      host: this.options.host,
      port: this.options.port ?? 3306,
      user: this.options.user,
      password: this.options.password,
      database: this.options.database,
      // UPDATE reports the rows it matched, not only those it changed: optimistic locking counts
      // an UPDATE that writes the same values as a hit.
      flags: ['FOUND_ROWS'],
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
      timezone: 'Z',
      maxPreparedStatements: MAX_PREPARED_STATEMENTS,
    })
    const driverConnection = new MysqlDriverConnection(connection)
    try {
      // DATETIME and NOW() follow the session time zone; UTC matches the text the dialect writes.
      await driverConnection.execute("set time_zone = '+00:00'", [], { rowMode: 'array', returnsRows: false, readsBigIntegers: false })
      if (!this.hasReportedVersion && this.options.onServerVersion) {
        const [rows] = await connection.query<mysql.RowDataPacket[]>({ sql: 'select version()', rowsAsArray: true })
        this.options.onServerVersion(String(rows[0][0]))
        this.hasReportedVersion = true
      }
    } catch (error) {
      await driverConnection.close()
      throw error
    }
    return driverConnection
  }
}

/**
 * One mysql2 connection. Statements with parameters or rows go through the binary protocol
 * (`execute`), which mysql2 prepares once per connection and SQL text and reuses.
 */
export class MysqlDriverConnection implements DriverConnection {
  private isBroken = false
  /**
   * The status flags of the server's last OK packet. mysql2 exposes them only for statements that
   * return no rows, which is enough: only those (BEGIN, COMMIT, writes, SET autocommit) change
   * the transaction state, except a SELECT with autocommit off, which the AUTOCOMMIT flag reveals.
   */
  private serverStatus = SERVER_STATUS_AUTOCOMMIT
  /** Set while a stream runs: ends it at once, for close(). */
  private interruptStream: (() => void) | undefined

  constructor(private readonly connection: mysql.Connection) {
    // An idle connection killed by the server (wait_timeout, KILL) emits 'error'; without a
    // listener Node would crash the process. The pool's ping finds it broken and replaces it.
    connection.on('error', () => {
      this.isBroken = true
    })
  }

  /** The server's connection id (`connection_id()`, `information_schema.processlist.id`), from the handshake. */
  get serverConnectionId(): number | undefined {
    return this.connection.threadId ?? undefined
  }

  async execute(sql: string, params: readonly unknown[], options: DriverExecuteOptions): Promise<DriverResult> {
    const query = { sql, rowsAsArray: options.rowMode === 'array' }
    let result: mysql.QueryResult
    try {
      // Transaction control, DDL and parameterless writes run as plain text: preparing them costs a
      // round trip and a cached statement for nothing, and MySQL cannot prepare some of them.
      ;[result] =
        params.length === 0 && options.returnsRows === false ? await this.connection.query(query) : await this.connection.execute(query, params as mysql.ExecuteValues[])
    } catch (error) {
      if ((error as { fatal?: unknown }).fatal === true) this.isBroken = true
      throw error
    }
    if (Array.isArray(result)) return { rows: result, rowCount: result.length }
    const header = result as mysql.ResultSetHeader
    if (typeof header.serverStatus === 'number') this.serverStatus = header.serverStatus
    // For a multi-row INSERT this is the id of the FIRST row (MySQL numbers the rest consecutively
    // under the default innodb_autoinc_lock_mode); 0 when no AUTO_INCREMENT value was generated.
    const insertId = toInsertId(header.insertId)
    return insertId === undefined ? { rows: [], rowCount: header.affectedRows } : { rows: [], rowCount: header.affectedRows, insertId }
  }

  /**
   * Reads the result set row by row as the server sends it (mysql2's row events): once a batch is
   * full the socket is paused, so the server waits (TCP backpressure) until the caller asks for the
   * next batch. MySQL has no cursor to close: a stream left early still receives the rest of its
   * rows, which are discarded, and the stream settles once the result set is drained, so the
   * connection is ready for its next statement. A batch left unread for longer than the server's
   * net_write_timeout (60 s by default) makes the server drop the connection.
   */
  async *stream(sql: string, params: readonly unknown[], options: DriverStreamOptions): AsyncGenerator<readonly unknown[], void, undefined> {
    // The promise wrapper has no streaming; the callback connection under it does.
    const connection = (this.connection as unknown as { readonly connection: CallbackConnection }).connection
    const command: Query = connection.execute({ sql, rowsAsArray: options.rowMode === 'array' }, params as mysql.ExecuteValues[])
    const { batchSize } = options
    let batch: unknown[] = []
    let isReadingRows = false
    let isSettled = false
    let failure: { readonly error: unknown } | undefined
    let wake: (() => void) | undefined
    const notify = (): void => {
      const resume = wake
      wake = undefined
      resume?.()
    }
    // A statement that returns no rows reports an OK packet as its "result"; it is not a row.
    command.on('fields', (fields: unknown) => {
      isReadingRows = fields !== undefined
    })
    command.on('result', (row: unknown) => {
      if (!isReadingRows) return
      if (batch.push(row) >= batchSize) {
        connection.pause()
        notify()
      }
    })
    command.on('error', (error: unknown) => {
      if ((error as { fatal?: unknown }).fatal === true) this.isBroken = true
      failure ??= { error }
      isSettled = true
      notify()
    })
    command.on('end', () => {
      isSettled = true
      notify()
    })
    this.interruptStream = () => {
      failure ??= { error: connectionClosedDuringStream() }
      isSettled = true
      notify()
    }
    try {
      for (;;) {
        if (batch.length < batchSize && !isSettled) await new Promise<void>((resolve) => (wake = resolve))
        if (failure !== undefined) throw failure.error
        if (batch.length > 0) {
          const full = batch
          batch = []
          yield full
          // Emptied once used, so that if it was promoted to the old generation it cannot keep its
          // rows alive until the next full GC (see postgresql-driver.ts).
          full.length = 0
        }
        if (isSettled && batch.length === 0) return
        connection.resume()
      }
    } finally {
      if (!isSettled) {
        // Left early: the rest of the result set must still be read off the socket before the
        // connection can carry another statement. Rows from here on are dropped.
        isReadingRows = false
        batch = []
        connection.resume()
        while (!isSettled) await new Promise<void>((resolve) => (wake = resolve))
      }
      this.interruptStream = undefined
    }
  }

  async ping(): Promise<boolean> {
    if (this.isBroken) return false
    try {
      await this.connection.ping()
      return true
    } catch {
      return false
    }
  }

  /**
   * Rolls back when the last OK packet said a transaction is open, or that autocommit is off (then
   * any statement may have opened one, so each checkin of such a session costs a rollback). Not
   * async: the common answer (nothing open) is given synchronously.
   */
  reset(): boolean | Promise<boolean> {
    if (this.isBroken) return false
    if ((this.serverStatus & SERVER_STATUS_IN_TRANS) !== 0 || (this.serverStatus & SERVER_STATUS_AUTOCOMMIT) === 0) {
      return this.execute('rollback', [], { rowMode: 'array', returnsRows: false, readsBigIntegers: false }).then(() => true)
    }
    return true
  }

  async close(): Promise<void> {
    // A broken socket cannot carry the polite COM_QUIT of end(); nor can one a stream holds paused
    // (the QUIT would wait behind the rest of the result set forever).
    if (this.interruptStream !== undefined) {
      this.interruptStream()
      this.isBroken = true
    }
    if (this.isBroken) {
      this.connection.destroy()
      return
    }
    try {
      await this.connection.end()
    } catch {
      // Already closed: there is nothing left to release.
    }
  }
}

/** What a stream cut off by close() fails with: the connection is gone, as after a lost connection. */
function connectionClosedDuringStream(): OperationalError {
  return new OperationalError('The connection was closed while a result set was being streamed.', { isDisconnect: true })
}

// With supportBigNumbers, an id beyond 2^53 arrives as a string.
function toInsertId(value: unknown): number | bigint | undefined {
  if (typeof value === 'string') return value === '0' ? undefined : BigInt(value)
  return typeof value === 'number' && value > 0 ? value : undefined
}
