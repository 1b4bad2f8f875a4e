import type { CatalogQuery, Inspector, Dialect, DialectCapabilities, IsolationLevel, ResultContext, SchemaChangeSql, SqlType, StatementNode, TransactionSql, TypeProcessor, CompiledQuery } from '@athanor/core'
import { SqliteInspector } from './sqlite-inspector'
import { SqliteCompiler } from './sqlite-compiler'
import { translateSqliteError } from './sqlite-errors'
import { SQLITE_SCHEMA_CHANGE_SQL } from './sqlite-schema-change-sql'
import { sqliteBindProcessor, sqliteResultProcessor } from './sqlite-types'

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** SQLite through better-sqlite3. */
export class SqliteDialect implements Dialect {
  readonly name = 'sqlite'

  readonly capabilities: DialectCapabilities = {
    insertReturning: true,
    updateReturning: true,
    deleteReturning: true,
    transactionalDdl: true,
    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32.
    maxParameters: 32_766,
  }

  readonly transactionSql: TransactionSql = {
    // SQLite transactions are always serializable; a deferred BEGIN takes locks as statements need them.
    begin: (_isolationLevel: IsolationLevel | undefined) => ['begin'],
    commit: 'commit',
    rollback: 'rollback',
    savepoint: (name) => `savepoint ${quote(name)}`,
    releaseSavepoint: (name) => `release savepoint ${quote(name)}`,
    rollbackToSavepoint: (name) => `rollback to savepoint ${quote(name)}`,
  }

  readonly schemaChangeSql: SchemaChangeSql = SQLITE_SCHEMA_CHANGE_SQL

  private readonly compiler = new SqliteCompiler(this)
  private readonly bindProcessors = new Map<SqlType, TypeProcessor | undefined>()

  compile(node: StatementNode): CompiledQuery {
    return this.compiler.compile(node)
  }

  bindProcessor(type: SqlType): TypeProcessor | undefined {
    if (!this.bindProcessors.has(type)) this.bindProcessors.set(type, sqliteBindProcessor(type))
    return this.bindProcessors.get(type)
  }

  resultProcessor(type: SqlType | undefined, context: ResultContext): TypeProcessor | undefined {
    return sqliteResultProcessor(type, context)
  }

  translateError(error: unknown, sql: string | undefined): Error {
    return translateSqliteError(error, sql)
  }

  /** Reads this database's schema for reflection and autogenerate. */
  createInspector(query: CatalogQuery): Inspector {
    return new SqliteInspector(query)
  }
}
