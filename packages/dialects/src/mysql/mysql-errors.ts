import {
  CheckViolationError,
  DatabaseError,
  DataError,
  ForeignKeyViolationError,
  NotNullViolationError,
  OperationalError,
  ProgrammingError,
  ToolkitError,
  UniqueViolationError,
} from '@athanor/core'

// Server error numbers (errno). MySQL and MariaDB share them, except where noted.
// https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html
// https://mariadb.com/kb/en/mariadb-error-code-reference/
const UNIQUE_VIOLATION = new Set([1062, 1586])
const FOREIGN_KEY_VIOLATION = new Set([1216, 1217, 1451, 1452])
const NOT_NULL_VIOLATION = new Set([1048, 1364])
// 3819 ER_CHECK_CONSTRAINT_VIOLATED (MySQL 8.0.16+), 4025 ER_CONSTRAINT_FAILED (MariaDB).
const CHECK_VIOLATION = new Set([3819, 4025])
// 1213 deadlock (the transaction was rolled back), 1205 lock wait timeout.
const RETRYABLE = new Set([1205, 1213])
// The connection is gone: 1053 server shutdown in progress, 1927 connection killed (MariaDB), 2006
// server has gone away, 2013 lost connection during query, 4031 disconnected for inactivity (MySQL 8.0.24+).
const DISCONNECT = new Set([1053, 1927, 2006, 2013, 4031])
// Operational, but the connection survives: 1040 too many connections (refused, none lost),
// 1317 query interrupted (KILL QUERY stops the statement, not the connection).
const OPERATIONAL = new Set([1040, 1317])
// Client-side: the socket dropped or never opened; no statement can run on this connection.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT'])
// Syntax error, unknown table/column/function, ambiguous column, existing table, wrong arguments.
const PROGRAMMING = new Set([1050, 1051, 1052, 1054, 1060, 1064, 1091, 1146, 1210, 1305])
// Too long, out of range, incorrect value, truncated, invalid JSON text (MySQL).
const DATA = new Set([1264, 1265, 1292, 1366, 1406, 1690, 3140])

/** What mysql2 sets on its errors: a server errno, or a Node/mysql2 code for client-side failures. */
interface MysqlErrorFields {
  readonly errno?: unknown
  readonly code?: unknown
  readonly fatal?: unknown
}

/** Maps a mysql2 error to the shared hierarchy by its server error number (errno) or client code. */
export function translateMysqlError(error: unknown, sql: string | undefined): Error {
  if (error instanceof ToolkitError) return error
  // Duck-typed: Node's socket errors may come from another realm (e.g. under jest), where instanceof fails.
  if (typeof error !== 'object' || error === null || typeof (error as { message?: unknown }).message !== 'string') {
    return new DatabaseError(String(error), { sql, cause: error })
  }
  const fields = error as MysqlErrorFields & { readonly message: string; readonly name?: unknown }
  // Node's system errors carry a negative errno next to their code ("ECONNREFUSED"): keep the code.
  const errno = typeof fields.errno === 'number' && fields.errno > 0 ? fields.errno : undefined
  const clientCode = typeof fields.code === 'string' ? fields.code : undefined
  const details = { sql, code: errno !== undefined ? String(errno) : clientCode, cause: error }
  const message = hideValues(fields.message)
  if (errno !== undefined) {
    if (UNIQUE_VIOLATION.has(errno)) return new UniqueViolationError(message, details)
    if (FOREIGN_KEY_VIOLATION.has(errno)) return new ForeignKeyViolationError(message, details)
    if (NOT_NULL_VIOLATION.has(errno)) return new NotNullViolationError(message, details)
    if (CHECK_VIOLATION.has(errno)) return new CheckViolationError(message, details)
    if (RETRYABLE.has(errno)) return new OperationalError(message, { ...details, isRetryable: true })
    if (DISCONNECT.has(errno)) return new OperationalError(message, { ...details, isDisconnect: true })
    if (OPERATIONAL.has(errno)) return new OperationalError(message, details)
    if (PROGRAMMING.has(errno)) return new ProgrammingError(message, details)
    if (DATA.has(errno)) return new DataError(message, details)
  }
  if (clientCode !== undefined && CONNECTION_CODES.has(clientCode)) return new OperationalError(message, { ...details, isDisconnect: true })
  // mysql2 marks errors after which the connection is unusable, e.g. "Can't add new command when
  // connection is in closed state" once the server has closed it.
  if (fields.fatal === true) return new OperationalError(message, { ...details, isDisconnect: true })
  // mysql2 raises TypeError for a value it cannot bind (undefined, a symbol).
  if (errno === undefined && fields.name === 'TypeError') return new DataError(message, details)
  return new DatabaseError(message, details)
}

// MySQL quotes the offending value in some messages ("Duplicate entry 'ada@x.org' for key 'email'",
// "Incorrect integer value: 'abc' for column"). Values never go into our messages (they may be
// personal data that ends up in logs), so they are masked; the driver's own error stays as `cause`.
function hideValues(message: string): string {
  return message.replace(/(Duplicate entry |value: )'(?:[^'\\]|\\.|'')*'/g, "$1'?'")
}
