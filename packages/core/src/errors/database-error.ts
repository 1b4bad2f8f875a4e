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

/** What a dialect knows about an operational failure, beyond the common details. */
export interface OperationalErrorDetails extends DatabaseErrorDetails {
  /** Running the whole transaction again may succeed (deadlock, serialization failure, busy). */
  readonly isRetryable?: boolean
  /** The connection is gone (server closed it, network reset): it must be discarded, not reused. */
  readonly isDisconnect?: boolean
}

/** The database could not do the work: connection lost or refused, deadlock, serialization failure, lock timeout. */
export class OperationalError extends DatabaseError {
  override readonly name: string = 'OperationalError'
  /** True when running the whole transaction again may succeed (deadlock, serialization failure, busy). */
  readonly isRetryable: boolean
  /**
   * True when the connection is dead (the server closed it, the network dropped it). The connection
   * that saw it is invalidated, and the pool replaces every connection opened before it.
   */
  readonly isDisconnect: boolean

  constructor(message: string, details: OperationalErrorDetails = {}) {
    super(message, details)
    this.isRetryable = details.isRetryable ?? false
    this.isDisconnect = details.isDisconnect ?? false
  }

  /** A statement on a `Connection` whose database connection was lost or invalidated earlier. */
  static connectionInvalidated(cause: unknown): OperationalError {
    return new OperationalError(
      'This connection was invalidated (its database connection was lost or invalidate() was called); ' +
        'any open transaction was rolled back. Close it and get a new one with engine.connect().',
      { cause, isDisconnect: true },
    )
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
