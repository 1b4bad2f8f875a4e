/** How the driver should return rows. */
export interface DriverExecuteOptions {
  /** `array`: each row is an array in select-list order (fast path); `object`: keyed by column name. */
  readonly rowMode: 'array' | 'object'
  /** Whether the statement returns rows, when known from the statement itself (undefined for text). */
  readonly returnsRows: boolean | undefined
  /** The result has 64-bit integer columns that must be read exactly. */
  readonly readsBigIntegers: boolean
}

/** How the driver should stream rows: as for execute, plus how many rows to fetch at a time. */
export interface DriverStreamOptions extends DriverExecuteOptions {
  /** Rows per batch: fetched from the database together, and the most the driver holds at once. */
  readonly batchSize: number
}

/** What one statement produced, as the driver reported it. */
export interface DriverResult {
  readonly rows: readonly unknown[]
  /** Rows returned, or rows matched by UPDATE/DELETE, or rows inserted. */
  readonly rowCount: number
  /** The generated key of the last inserted row, where the driver reports it. */
  readonly insertId?: number | bigint
}

/** One open database connection, wrapped by a dialect's driver adapter (`*-driver.ts`). */
export interface DriverConnection {
  /**
   * The server's id for this connection (PostgreSQL backend pid, MySQL/MariaDB connection id), as
   * `pg_stat_activity.pid` / `information_schema.processlist.id` show it; undefined for SQLite.
   */
  readonly serverConnectionId?: number
  /** Runs one statement; synchronous drivers may return the result directly. */
  execute(sql: string, params: readonly unknown[], options: DriverExecuteOptions): DriverResult | Promise<DriverResult>
  /**
   * Runs a query and yields its rows in batches of at most `batchSize`, fetching each batch only
   * when the previous one was consumed (a server-side cursor), so memory stays flat however many
   * rows the query returns. Ending the iteration early (`return()`) closes the cursor; once it
   * settles, the connection is ready for its next statement. Runs in the current transaction.
   * A batch is the caller's until it asks for the next one; the driver may then empty it.
   */
  stream(sql: string, params: readonly unknown[], options: DriverStreamOptions): AsyncIterable<readonly unknown[]>
  /** Closes the underlying connection. */
  close(): void | Promise<void>
  /** A cheap liveness check. */
  ping(): boolean | Promise<boolean>
  /**
   * Readies the connection for its next borrower: rolls back a transaction the driver sees open,
   * however it was begun (even by a `text("begin")`). Sends nothing when none is open. Returns
   * false when the connection is known to be dead, so the pool closes it instead of keeping it.
   */
  reset(): boolean | Promise<boolean>
}

/** Opens connections; one per dialect. */
export interface Driver {
  connect(): Promise<DriverConnection>
}
