import type { Driver, DriverConnection, DriverExecuteOptions, DriverResult, DriverStreamOptions } from '@athanor/core'
import { Client, type CustomTypesConfig, type QueryConfig, type QueryResult, types } from 'pg'
import { translatePostgresError } from './postgresql-errors'

const MAX_PREPARED_STATEMENTS = 500

/** Where the server is and who connects; the parts of a `postgresql://` URL. */
export interface PostgresDriverOptions {
  readonly host: string
  readonly port?: number
  readonly user?: string
  readonly password?: string
  readonly database?: string
  /** Shown in `pg_stat_activity.application_name`; defaults to "athanor". */
  readonly applicationName?: string
}

const DEFAULT_APPLICATION_NAME = 'athanor'

// These come back as the server's text and the dialect's result processors convert them per
// column type: pg's defaults read date and timestamp in the process's local time zone, and other
// code may have replaced pg's global int8/numeric parsers (often with one that loses precision).
const RAW_TEXT_TYPES: ReadonlySet<number> = new Set([types.builtins.INT8, types.builtins.NUMERIC, types.builtins.DATE, types.builtins.TIMESTAMP, types.builtins.TIMESTAMPTZ])
const returnText = (value: string): string => value

// Passed with each query rather than set globally, so other pg users in the process are unaffected.
const TYPE_PARSERS: CustomTypesConfig = {
  getTypeParser: (oid, format) => (RAW_TEXT_TYPES.has(oid) ? returnText : types.getTypeParser(oid, format)),
}

/** Opens pg clients with the session time zone set to UTC. */
export class PostgresDriver implements Driver {
  constructor(private readonly options: PostgresDriverOptions) {}

  async connect(): Promise<DriverConnection> {
    const { applicationName, ...target } = this.options
    // application_name tells a DBA (and our tests) which connections in pg_stat_activity are ours.
    const client = new Client({ ...target, application_name: applicationName ?? DEFAULT_APPLICATION_NAME })
    // Made first so that its error listener is in place while connecting.
    const connection = new PostgresDriverConnection(client)
    try {
      await client.connect()
      // now() and timestamptz text then read as UTC, matching how timestamps are bound.
      await client.query("set time zone 'UTC'")
    } catch (error) {
      await client.end().catch(() => undefined)
      throw translatePostgresError(error, undefined)
    }
    return connection
  }
}

/**
 * One pg client. Statements with parameters run as named prepared statements, one per SQL text
 * and connection, so the server parses and plans each statement shape once.
 */
export class PostgresDriverConnection implements DriverConnection {
  private readonly statementNames = new Map<string, string>()
  /** Names a query has run with successfully, so the server holds them. */
  private readonly preparedNames = new Set<string>()
  private statementCount = 0
  private cursorCount = 0
  private isAlive = true

  constructor(private readonly client: Client) {
    // Without a listener, a server closing an idle connection would crash the process.
    client.on('error', () => {
      this.isAlive = false
    })
    client.on('end', () => {
      this.isAlive = false
    })
  }

  async execute(sql: string, params: readonly unknown[], options: DriverExecuteOptions): Promise<DriverResult> {
    const name = params.length > 0 ? this.statementName(sql) : undefined
    const query: QueryConfig & { readonly rowMode?: 'array' } = {
      text: sql,
      values: params as unknown[],
      rowMode: options.rowMode === 'array' ? 'array' : undefined,
      name,
      types: TYPE_PARSERS,
    }
    let result: QueryResult | QueryResult[]
    try {
      result = await this.client.query(query)
    } catch (error) {
      if (name !== undefined && isStalePlan(error)) this.forgetStatement(sql, name)
      throw error
    }
    if (name !== undefined) this.preparedNames.add(name)
    // Text with several statements (simple protocol, no parameters) yields one result each; the last one counts.
    const last = Array.isArray(result) ? result[result.length - 1] : result
    return { rows: last.rows, rowCount: last.rowCount ?? last.rows.length }
  }

  /**
   * A server-side cursor: DECLARE binds the parameters (extended protocol), each FETCH reads one
   * batch, and CLOSE frees it when the rows run out or the caller stops early. PostgreSQL keeps a
   * cursor only inside a transaction block, so one is begun (and committed) for a connection that
   * has none open, as in AUTOCOMMIT mode.
   * https://www.postgresql.org/docs/current/sql-declare.html
   */
  async *stream(sql: string, params: readonly unknown[], options: DriverStreamOptions): AsyncGenerator<readonly unknown[], void, undefined> {
    const cursor = `athanor_cursor_${++this.cursorCount}`
    const ownsTransaction = this.client.getTransactionStatus() === 'I'
    if (ownsTransaction) await this.client.query('begin')
    let isDeclared = false
    try {
      await this.client.query({ text: `declare ${cursor} no scroll cursor for ${sql}`, values: params as unknown[] })
      isDeclared = true
      const fetch: QueryConfig & { readonly rowMode?: 'array' } = {
        text: `fetch forward ${options.batchSize} from ${cursor}`,
        rowMode: options.rowMode === 'array' ? 'array' : undefined,
        types: TYPE_PARSERS,
      }
      for (;;) {
        const { rows } = await this.client.query(fetch)
        const count = rows.length
        if (count > 0) yield rows
        // The caller is done with the batch: empty it. pg's result arrays end up in V8's old
        // generation, and a dead old object keeps the young objects it points to alive until the
        // next full GC, so their rows were promoted too: over 1M rows the heap peaked ~60 MB above
        // its baseline without this line and ~16 MB with it (benchmarks/src/stream-memory.ts).
        rows.length = 0
        if (count < options.batchSize) return
      }
    } finally {
      // After an error the transaction is aborted ('E'): every statement but ROLLBACK fails, and
      // the rollback frees the cursor anyway.
      const isUsable = this.isAlive && this.client.getTransactionStatus() === 'T'
      if (isDeclared && isUsable) await this.client.query(`close ${cursor}`)
      if (ownsTransaction && this.isAlive) await this.client.query(isUsable ? 'commit' : 'rollback')
    }
  }

  /** The backend's process id (`pg_backend_pid()`), from the BackendKeyData message of the startup. */
  get serverConnectionId(): number | undefined {
    // pg sets processID (it is what query cancellation sends) but @types/pg does not declare it.
    const processId = (this.client as unknown as { readonly processID?: unknown }).processID
    return typeof processId === 'number' ? processId : undefined
  }

  async ping(): Promise<boolean> {
    if (!this.isAlive) return false
    try {
      await this.client.query('select 1')
      return true
    } catch {
      return false
    }
  }

  /**
   * The server reports its transaction state in every ReadyForQuery message ('I' idle, 'T' in a
   * transaction, 'E' in a failed one) and pg keeps the last one, so an open transaction is seen
   * however it began, and an idle connection costs no round trip. Not async: the common answer
   * (idle) is given synchronously, without allocating a promise on every checkin.
   */
  reset(): boolean | Promise<boolean> {
    if (!this.isAlive) return false
    const status = this.client.getTransactionStatus()
    if (status === 'T' || status === 'E') return this.client.query('rollback').then(() => true)
    return true
  }

  async close(): Promise<void> {
    this.statementNames.clear()
    this.preparedNames.clear()
    if (this.isAlive) {
      this.isAlive = false
      await this.client.end()
    } else {
      await this.client.end().catch(() => undefined)
    }
  }

  private statementName(sql: string): string {
    let name = this.statementNames.get(sql)
    if (name === undefined) {
      if (this.statementNames.size >= MAX_PREPARED_STATEMENTS) this.evictOldestStatement()
      name = `athanor_${++this.statementCount}`
      this.statementNames.set(sql, name)
    }
    return name
  }

  // DEALLOCATE frees the server's copy. It is sent only for statements known to exist there: one
  // naming a statement that never parsed would fail and abort the caller's open transaction.
  // Names are never reused, so pg's own record of an evicted name is harmless.
  private evictOldestStatement(): void {
    const [sql, name] = this.statementNames.entries().next().value as [string, string]
    const isOnServer = this.preparedNames.has(name)
    this.forgetStatement(sql, name)
    if (isOnServer) this.client.query(`deallocate "${name}"`).catch(() => undefined)
  }

  private forgetStatement(sql: string, name: string): void {
    this.statementNames.delete(sql)
    this.preparedNames.delete(name)
  }
}

/**
 * A prepared statement whose result columns changed under it (a table dropped and created again
 * differently) fails with 0A000 until it is prepared again; the next execution gets a new name.
 */
function isStalePlan(error: unknown): boolean {
  return (error as { code?: unknown }).code === '0A000' && String((error as Error).message).includes('cached plan must not change result type')
}
