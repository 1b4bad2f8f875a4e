import { ToolkitError } from './toolkit-error'

/** Bad options or bad use of the API, found before anything is sent to the database. */
export class ArgumentError extends ToolkitError {
  override readonly name: string = 'ArgumentError'

  static missingParameter(name: string, sql: string): ArgumentError {
    return new ArgumentError(`Missing value for bound parameter ":${name}" in: ${sql}. Pass it in the parameters object, e.g. { ${name}: ... }.`)
  }

  /** A statement was sent on a connection that was closed. */
  static connectionClosed(): ArgumentError {
    return new ArgumentError('This connection is closed; get a new one with engine.connect().')
  }

  /** A statement that returns no rows was given to `stream()`. */
  static notStreamable(sql: string): ArgumentError {
    return new ArgumentError(`Only a statement that returns rows can be streamed; run this one with execute(): ${sql}`)
  }

  /** A statement was sent on a connection whose stream is still being read. */
  static streamOpen(): ArgumentError {
    return new ArgumentError(
      'This connection has an open stream: finish the for-await loop (or break out of it) before running another statement on it, or use another connection.',
    )
  }

  /** The connection under a stream was closed before the loop finished. */
  static streamEndedByClose(): ArgumentError {
    return new ArgumentError('This stream ended because its connection was closed before all rows were read.')
  }

  static invalidOption(option: string, value: unknown, allowed: string): ArgumentError {
    return new ArgumentError(`Invalid value for option "${option}": ${describeValue(value)}. Expected ${allowed}.`)
  }
}

// Option values are configuration, not row data, but a URL may still hold a password: show only its shape.
function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value)
  return `a value of type ${typeof value}`
}
