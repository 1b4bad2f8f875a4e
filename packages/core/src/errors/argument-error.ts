import { ToolkitError } from './toolkit-error'

/** Bad options or bad use of the API, found before anything is sent to the database. */
export class ArgumentError extends ToolkitError {
  override readonly name: string = 'ArgumentError'

  static missingParameter(name: string, sql: string): ArgumentError {
    return new ArgumentError(`Missing value for bound parameter ":${name}" in: ${sql}. Pass it in the parameters object, e.g. { ${name}: ... }.`)
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
