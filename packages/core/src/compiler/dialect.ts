import type { IsolationLevel } from '../engine/isolation-level'
import type { StatementNode } from '../nodes/node'
import type { CatalogQuery, Inspector } from '../schema/inspector'
import type { SqlType } from '../schema/sql-type'
import type { CompiledQuery } from './compiled-query'

/** Converts one value between JavaScript and the driver. */
export type TypeProcessor = (value: unknown) => unknown

/** What the result processors of one statement need to know about it. */
export interface ResultContext {
  readonly readsBigIntegers: boolean
}

/** What a database can do; core and ORM branch on these, never on the dialect's name. */
export interface DialectCapabilities {
  /** RETURNING on INSERT. */
  readonly insertReturning: boolean
  /** RETURNING on UPDATE. */
  readonly updateReturning: boolean
  /** RETURNING on DELETE. */
  readonly deleteReturning: boolean
  /** DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean
  /** The most bound parameters one statement may carry. */
  readonly maxParameters: number
}

/** The SQL a dialect uses to control transactions. */
export interface TransactionSql {
  begin(isolationLevel: IsolationLevel | undefined): readonly string[]
  readonly commit: string
  readonly rollback: string
  savepoint(name: string): string
  releaseSavepoint(name: string): string
  rollbackToSavepoint(name: string): string
}

/**
 * How a schema migration's transaction must be wrapped on databases that need more than BEGIN and
 * COMMIT (SQLite switches foreign keys off around it, so a table rebuild fires no ON DELETE action).
 */
export interface SchemaChangeSql {
  /** Run on the connection before the transaction begins (outside it). */
  readonly beforeTransaction: readonly string[]
  /** A query run just before COMMIT; every row it returns is a violation, and the migration fails. */
  readonly integrityCheck: string | undefined
  /** Run after the transaction ends, committed or rolled back. */
  readonly afterTransaction: readonly string[]
}

/** Everything database-specific that core needs: compilation, type processing, errors, transactions. */
export interface Dialect {
  readonly name: string
  readonly capabilities: DialectCapabilities
  readonly transactionSql: TransactionSql
  /** Compiles a statement node to `{ sql, params }`. */
  compile(node: StatementNode): CompiledQuery
  /** Converts a JS value of `type` for the driver; undefined when no conversion is needed. */
  bindProcessor(type: SqlType): TypeProcessor | undefined
  /**
   * Converts a driver value of `type` (undefined: an untyped expression) to JS; undefined when no
   * conversion is needed. `readsBigIntegers` says the statement reads 64-bit integers exactly.
   */
  resultProcessor(type: SqlType | undefined, context: ResultContext): TypeProcessor | undefined
  /** Maps a driver error to the error hierarchy (`IntegrityError`, `OperationalError`, …). */
  translateError(error: unknown, sql: string | undefined): Error
  /** A schema reader over this database's catalog; optional so that third-party dialects keep compiling. */
  createInspector?(query: CatalogQuery): Inspector
  /** What a migration runner adds around each migration's transaction; undefined: plain BEGIN … COMMIT. */
  readonly schemaChangeSql?: SchemaChangeSql
}
