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

/**
 * Maps a better-sqlite3 error to the shared hierarchy by its extended result code.
 * https://www.sqlite.org/rescode.html
 */
export function translateSqliteError(error: unknown, sql: string | undefined): Error {
  if (error instanceof ToolkitError) return error
  // Duck-typed: errors from a native module may come from another realm (e.g. under jest), where instanceof fails.
  const { code, message, name } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; name?: unknown }
  if (typeof message !== 'string') return new DatabaseError(String(error), { sql, cause: error })
  const details = { sql, code: typeof code === 'string' ? code : undefined, cause: error }
  if (typeof code !== 'string') {
    // better-sqlite3 raises RangeError for a wrong parameter count and TypeError for an unbindable value.
    if (name === 'RangeError') return new ProgrammingError(message, details)
    if (name === 'TypeError') return new DataError(message, details)
    return new DatabaseError(message, details)
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new UniqueViolationError(message, details)
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new ForeignKeyViolationError(message, details)
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return new NotNullViolationError(message, details)
  if (code === 'SQLITE_CONSTRAINT_CHECK') return new CheckViolationError(message, details)
  if (code.startsWith('SQLITE_CONSTRAINT')) return new IntegrityError(message, details)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new OperationalError(message, { ...details, isRetryable: true })
  if (/^SQLITE_(CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB|PROTOCOL|INTERRUPT|NOMEM)/.test(code)) return new OperationalError(message, details)
  if (code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') return new DataError(message, details)
  if (code === 'SQLITE_ERROR' || code === 'SQLITE_RANGE' || code === 'SQLITE_AUTH') return new ProgrammingError(message, details)
  return new DatabaseError(message, details)
}
