import {
  CheckViolationError,
  DatabaseError,
  DataError,
  ForeignKeyViolationError,
  IntegrityError,
  NotNullViolationError,
  OperationalError,
  ProgrammingError,
  ToolkitError,
  UniqueViolationError,
} from '@athanor/core'

// Node socket errors: the server is unreachable or the connection dropped. Either way no statement
// can run on this connection any more, so each one is a disconnect.
const SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

// pg raises these without a code when the connection ends under a query, was already lost, or
// could not be opened in time (see pg/lib/client.js).
const LOST_CONNECTION_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout expired|Query read timeout)/

// 57P01 admin_shutdown (also what pg_terminate_backend sends), 57P02 crash_shutdown, 57P03
// cannot_connect_now: the server is going away and has closed, or will close, this connection.
const SHUTDOWN_CODES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03'])

/**
 * Maps a pg error to the shared hierarchy by SQLSTATE (`error.code`).
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function translatePostgresError(error: unknown, sql: string | undefined): Error {
  if (error instanceof ToolkitError) return error
  // Duck-typed: Node's socket errors may come from another realm (e.g. under jest), where instanceof fails.
  const raw = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown }
  if (typeof raw.message !== 'string') return new DatabaseError(String(error), { sql, cause: error })
  const code = raw.code
  const details = { sql, code: typeof code === 'string' ? code : undefined, cause: error }
  const message = typeof code === 'string' && code.startsWith('22') ? hideValues(raw.message) : raw.message
  if (typeof code !== 'string') {
    return LOST_CONNECTION_MESSAGE.test(message) ? new OperationalError(message, { ...details, isDisconnect: true }) : new DatabaseError(message, details)
  }
  if (SOCKET_CODES.has(code) || SHUTDOWN_CODES.has(code)) return new OperationalError(message, { ...details, isDisconnect: true })
  if (code === '23505') return new UniqueViolationError(message, details)
  if (code === '23503') return new ForeignKeyViolationError(message, details)
  if (code === '23502') return new NotNullViolationError(message, details)
  if (code === '23514') return new CheckViolationError(message, details)
  if (code.startsWith('23')) return new IntegrityError(message, details)
  // serialization_failure, deadlock_detected, lock_not_available: the transaction may succeed when run again.
  if (code === '40001' || code === '40P01' || code === '55P03') return new OperationalError(message, { ...details, isRetryable: true })
  // 08P01 protocol_violation is what a wrong number of bound parameters produces.
  if (code === '08P01') return new ProgrammingError(message, details)
  // 08 connection exception (the connection is unusable); 28 invalid authorization and 53
  // insufficient resources (e.g. too many connections) refuse a connection without losing one.
  if (code.startsWith('08')) return new OperationalError(message, { ...details, isDisconnect: true })
  if (code.startsWith('28') || code.startsWith('53')) return new OperationalError(message, details)
  if (code.startsWith('42')) return new ProgrammingError(message, details)
  if (code.startsWith('22')) return new DataError(message, details)
  return new DatabaseError(message, details)
}

// Data exceptions quote the rejected input ('invalid input syntax for type integer: "abc"'). Values
// never go into our messages (they may be personal data that ends up in logs); `cause` keeps the original.
function hideValues(message: string): string {
  return message.replace(/: "(?:[^"]|"")*"/g, ': "?"')
}
