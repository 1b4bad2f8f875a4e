import type { Driver, DriverConnection, DriverExecuteOptions, DriverResult, DriverStreamOptions } from '@athanor/core'
import Database from 'better-sqlite3'

const MAX_CACHED_STATEMENTS = 500

/** A prepared statement and the row modes last set on it (better-sqlite3 starts with both off). */
interface CachedStatement {
  readonly statement: Database.Statement
  isRaw: boolean
  readsBigIntegers: boolean
}

/** Where the database lives: a file path, or `:memory:`. */
export interface SqliteDriverOptions {
  readonly filename: string
  /** Milliseconds to wait for a lock held by another connection before SQLITE_BUSY. */
  readonly busyTimeout?: number
}

/** Opens better-sqlite3 databases with foreign keys on, and WAL journaling for files. */
export class SqliteDriver implements Driver {
  constructor(private readonly options: SqliteDriverOptions) {}

  async connect(): Promise<DriverConnection> {
    const database = new Database(this.options.filename, { timeout: this.options.busyTimeout ?? 5_000 })
    database.pragma('foreign_keys = ON')
    if (this.options.filename !== ':memory:') database.pragma('journal_mode = WAL')
    return new SqliteDriverConnection(database)
  }
}

/**
 * One better-sqlite3 database handle. Prepared statements are kept per SQL text, so a statement
 * shape is prepared once per connection; rows are read as arrays when the caller asks.
 */
export class SqliteDriverConnection implements DriverConnection {
  private readonly statements = new Map<string, CachedStatement>()

  constructor(private readonly database: Database.Database) {}

  execute(sql: string, params: readonly unknown[], options: DriverExecuteOptions): DriverResult {
    const cached = this.prepare(sql)
    const { statement } = cached
    if (statement.reader) {
      // Each mode switch is a call into the native addon: made only when the mode changes.
      const isRaw = options.rowMode === 'array'
      if (cached.isRaw !== isRaw) statement.raw((cached.isRaw = isRaw))
      if (cached.readsBigIntegers !== options.readsBigIntegers) statement.safeIntegers((cached.readsBigIntegers = options.readsBigIntegers))
      const rows = statement.all(params as unknown[])
      return { rows, rowCount: rows.length }
    }
    const info = statement.run(params as unknown[])
    return { rows: [], rowCount: info.changes, insertId: info.lastInsertRowid }
  }

  /**
   * Steps through the rows with `iterate()`, one batch at a time; SQLite computes each row as it is
   * stepped to, so nothing beyond the current batch is held.
   */
  async *stream(sql: string, params: readonly unknown[], options: DriverStreamOptions): AsyncGenerator<readonly unknown[], void, undefined> {
    // A statement being iterated is busy until the iteration ends, so the stream gets a statement
    // of its own rather than the cached one that execute() may need meanwhile.
    const statement = this.database.prepare(sql)
    if (!statement.reader) {
      statement.run(params as unknown[])
      return
    }
    statement.raw(options.rowMode === 'array')
    statement.safeIntegers(options.readsBigIntegers)
    const rows = statement.iterate(params as unknown[])
    try {
      for (;;) {
        const batch: unknown[] = []
        for (let step = rows.next(); !step.done; step = rows.next()) {
          if (batch.push(step.value) === options.batchSize) break
        }
        const count = batch.length
        if (count > 0) yield batch
        // Emptied once used, so that if it was promoted to the old generation it cannot keep its
        // rows alive until the next full GC (see postgresql-driver.ts).
        batch.length = 0
        if (count < options.batchSize) return
      }
    } finally {
      // Resets the statement, which releases SQLite's read of the table.
      rows.return?.()
    }
  }

  ping(): boolean {
    return this.database.open
  }

  /** better-sqlite3 reads SQLite's own autocommit flag, so the check is exact and free. */
  reset(): boolean {
    if (!this.database.open) return false
    if (this.database.inTransaction) this.database.exec('rollback')
    return true
  }

  close(): void {
    this.statements.clear()
    if (this.database.open) this.database.close()
  }

  private prepare(sql: string): CachedStatement {
    let cached = this.statements.get(sql)
    if (cached === undefined) {
      cached = { statement: this.database.prepare(sql), isRaw: false, readsBigIntegers: false }
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.delete(this.statements.keys().next().value as string)
      this.statements.set(sql, cached)
    }
    return cached
  }
}
