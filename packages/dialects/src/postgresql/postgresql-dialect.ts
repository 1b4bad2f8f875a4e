import type { CatalogQuery, Inspector, CompiledQuery, Dialect, DialectCapabilities, IsolationLevel, ResultContext, SqlType, StatementNode, TransactionSql, TypeProcessor } from '@athanor/core'
import { PostgresInspector } from './postgresql-inspector'
import { PostgresCompiler } from './postgresql-compiler'
import { translatePostgresError } from './postgresql-errors'
import { postgresBindProcessor, postgresResultProcessor } from './postgresql-types'

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** PostgreSQL through pg. */
export class PostgresDialect implements Dialect {
  readonly name = 'postgresql'

  readonly capabilities: DialectCapabilities = {
    insertReturning: true,
    updateReturning: true,
    deleteReturning: true,
    transactionalDdl: true,
    // The Bind message counts parameters in a 16-bit field.
    // https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BIND
    maxParameters: 65_535,
  }

  readonly transactionSql: TransactionSql = {
    // AUTOCOMMIT never reaches here: the Connection sends no BEGIN for it.
    begin: (isolationLevel: IsolationLevel | undefined) =>
      isolationLevel === undefined || isolationLevel === 'AUTOCOMMIT' ? ['begin'] : [`begin isolation level ${isolationLevel.toLowerCase()}`],
    commit: 'commit',
    rollback: 'rollback',
    savepoint: (name) => `savepoint ${quote(name)}`,
    releaseSavepoint: (name) => `release savepoint ${quote(name)}`,
    rollbackToSavepoint: (name) => `rollback to savepoint ${quote(name)}`,
  }

  private readonly compiler = new PostgresCompiler(this)
  private readonly bindProcessors = new Map<SqlType, TypeProcessor | undefined>()

  compile(node: StatementNode): CompiledQuery {
    return this.compiler.compile(node)
  }

  bindProcessor(type: SqlType): TypeProcessor | undefined {
    if (!this.bindProcessors.has(type)) this.bindProcessors.set(type, postgresBindProcessor(type))
    return this.bindProcessors.get(type)
  }

  // readsBigIntegers does not matter here: the driver returns every int8 as text.
  resultProcessor(type: SqlType | undefined, _context: ResultContext): TypeProcessor | undefined {
    return postgresResultProcessor(type)
  }

  translateError(error: unknown, sql: string | undefined): Error {
    return translatePostgresError(error, sql)
  }

  /** Reads this database's schema for reflection and autogenerate. */
  createInspector(query: CatalogQuery): Inspector {
    return new PostgresInspector(query)
  }
}
