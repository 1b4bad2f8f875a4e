import type { Driver, DriverConnection, DriverExecuteOptions, DriverResult } from '@athanor/core'
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
    // A broken socket cannot carry the polite COM_QUIT of end().
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

// With supportBigNumbers, an id beyond 2^53 arrives as a string.
function toInsertId(value: unknown): number | bigint | undefined {
  if (typeof value === 'string') return value === '0' ? undefined : BigInt(value)
  return typeof value === 'number' && value > 0 ? value : undefined
}
