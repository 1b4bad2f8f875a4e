import { ToolkitError } from './toolkit-error'

/** What a dialect knows about a failed statement; bound values are deliberately not part of it. */
export interface DatabaseErrorDetails {
  /** The SQL text that failed (placeholders, never values). */
  readonly sql?: string
  /** SQLSTATE, errno or driver code, as the driver reported it. */
  readonly code?: string
  /** The original driver error. */
  readonly cause?: unknown
}

/** An error reported by the database or its driver; the driver's error is kept as `cause`. */
export class DatabaseError extends ToolkitError {
  override readonly name: string = 'DatabaseError'
  readonly sql: string | undefined
  readonly code: string | undefined

  constructor(message: string, details: DatabaseErrorDetails = {}) {
    super(details.sql ? `${message}\n  [SQL: ${details.sql}]` : message, { cause: details.cause })
    this.sql = details.sql
    this.code = details.code
  }
}

/** A constraint was violated: unique, foreign key, not null or check. */
export class IntegrityError extends DatabaseError {
  override readonly name: string = 'IntegrityError'
}

export class UniqueViolationError extends IntegrityError {
  override readonly name: string = 'UniqueViolationError'
}

export class ForeignKeyViolationError extends IntegrityError {
  override readonly name: string = 'ForeignKeyViolationError'
}

export class NotNullViolationError extends IntegrityError {
  override readonly name: string = 'NotNullViolationError'
}

export class CheckViolationError extends IntegrityError {
  override readonly name: string = 'CheckViolationError'
}

/** The database could not do the work: connection lost or refused, deadlock, serialization failure, lock timeout. */
export class OperationalError extends DatabaseError {
  override readonly name: string = 'OperationalError'
  /** True when running the whole transaction again may succeed (deadlock, serialization failure, busy). */
  readonly isRetryable: boolean

  constructor(message: string, details: DatabaseErrorDetails & { isRetryable?: boolean } = {}) {
    super(message, details)
    this.isRetryable = details.isRetryable ?? false
  }
}

/** The SQL is wrong for this database: syntax error, unknown table or column, wrong number of parameters. */
export class ProgrammingError extends DatabaseError {
  override readonly name: string = 'ProgrammingError'
}

/** A value does not fit its column: out of range, wrong type, too long. */
export class DataError extends DatabaseError {
  override readonly name: string = 'DataError'
}
