import type { CatalogQuery, Inspector, CompiledQuery, Dialect, DialectCapabilities, IsolationLevel, ResultContext, SqlType, StatementNode, TransactionSql, TypeProcessor } from '@athanor/core'
import { MysqlInspector } from './mysql-inspector'
import { MysqlCompiler } from './mysql-compiler'
import { translateMysqlError } from './mysql-errors'
import { mysqlBindProcessor, mysqlResultProcessor } from './mysql-types'

/** Which server family: they share the protocol and most SQL, but not RETURNING. */
export type MysqlFlavour = 'mysql' | 'mariadb'

export interface MysqlDialectOptions {
  /** What the URL said (`mariadb://`); the server's version, read on the first connection, decides. */
  readonly flavour?: MysqlFlavour
}

const quote = (name: string): string => `\`${name.replace(/`/g, '``')}\``

// MariaDB has DELETE … RETURNING since 10.0.5 and INSERT … RETURNING since 10.5.0, and no
// UPDATE … RETURNING; MySQL has none. https://mariadb.com/kb/en/insertreturning/
const MARIADB_INSERT_RETURNING: readonly number[] = [10, 5, 0]
const MARIADB_DELETE_RETURNING: readonly number[] = [10, 0, 5]

/**
 * MySQL 8 and MariaDB through mysql2.
 *
 * ```ts
 * const engine = createEngine("mysql://root@127.0.0.1:3306/app")
 * ```
 * Until the first connection has told which server this is, RETURNING is treated as unsupported.
 */
export class MysqlDialect implements Dialect {
  readonly name = 'mysql'

  readonly transactionSql: TransactionSql = {
    // SET TRANSACTION without SESSION applies to the next transaction only.
    // https://dev.mysql.com/doc/refman/8.0/en/set-transaction.html
    begin: (isolationLevel: IsolationLevel | undefined) =>
      isolationLevel === undefined ? ['start transaction'] : [`set transaction isolation level ${isolationLevel.toLowerCase()}`, 'start transaction'],
    commit: 'commit',
    rollback: 'rollback',
    savepoint: (name) => `savepoint ${quote(name)}`,
    releaseSavepoint: (name) => `release savepoint ${quote(name)}`,
    rollbackToSavepoint: (name) => `rollback to savepoint ${quote(name)}`,
  }

  private currentFlavour: MysqlFlavour
  private currentCapabilities: DialectCapabilities
  private readonly compiler = new MysqlCompiler(this)
  private readonly bindProcessors = new Map<SqlType, TypeProcessor | undefined>()
  private readonly resultProcessors = new Map<SqlType, TypeProcessor | undefined>()

  constructor(options: MysqlDialectOptions = {}) {
    this.currentFlavour = options.flavour ?? 'mysql'
    // A mariadb:// URL promises a current MariaDB; plain mysql:// promises nothing yet.
    this.currentCapabilities = capabilitiesOf(this.currentFlavour, this.currentFlavour === 'mariadb' ? MARIADB_INSERT_RETURNING : [])
  }

  /** What the server can do; read again after the first connection, which may widen it. */
  get capabilities(): DialectCapabilities {
    return this.currentCapabilities
  }

  /** `mariadb` or `mysql`, as the URL said until the server's version tells. */
  get flavour(): MysqlFlavour {
    return this.currentFlavour
  }

  /** Records the server's `select version()`, e.g. `10.11.6-MariaDB` or `8.0.36`. */
  useServerVersion(version: string): void {
    // The handshake of MariaDB 10+ prefixes "5.5.5-" for old clients; select version() does not, but tolerate it.
    const text = version.replace(/^5\.5\.5-/, '')
    this.currentFlavour = /mariadb/i.test(text) ? 'mariadb' : 'mysql'
    const numbers = (/^(\d+)\.(\d+)\.(\d+)/.exec(text) ?? []).slice(1).map(Number)
    this.currentCapabilities = capabilitiesOf(this.currentFlavour, numbers)
  }

  compile(node: StatementNode): CompiledQuery {
    return this.compiler.compile(node)
  }

  bindProcessor(type: SqlType): TypeProcessor | undefined {
    if (!this.bindProcessors.has(type)) this.bindProcessors.set(type, mysqlBindProcessor(type))
    return this.bindProcessors.get(type)
  }

  // Every value of a column is read the same way, whatever the statement (readsBigIntegers is moot:
  // BIGINT always arrives as a string).
  resultProcessor(type: SqlType | undefined, _context: ResultContext): TypeProcessor | undefined {
    if (type === undefined) return undefined
    if (!this.resultProcessors.has(type)) this.resultProcessors.set(type, mysqlResultProcessor(type))
    return this.resultProcessors.get(type)
  }

  translateError(error: unknown, sql: string | undefined): Error {
    return translateMysqlError(error, sql)
  }

  /** Reads this database's schema for reflection and autogenerate. */
  createInspector(query: CatalogQuery): Inspector {
    return new MysqlInspector(query)
  }
}

function capabilitiesOf(flavour: MysqlFlavour, version: readonly number[]): DialectCapabilities {
  const isMariaDb = flavour === 'mariadb'
  return Object.freeze({
    insertReturning: isMariaDb && isAtLeast(version, MARIADB_INSERT_RETURNING),
    updateReturning: false,
    deleteReturning: isMariaDb && isAtLeast(version, MARIADB_DELETE_RETURNING),
    // DDL commits the open transaction implicitly. https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html
    transactionalDdl: false,
    // The protocol counts placeholders in 16 bits.
    maxParameters: 65_535,
  })
}

function isAtLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let index = 0; index < minimum.length; index++) {
    const part = version[index] ?? 0
    if (part !== minimum[index]) return part > minimum[index]
  }
  return true
}
