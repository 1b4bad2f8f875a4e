/** The base of every error Athanor throws. `cause` keeps the underlying error, if any. */
export class ToolkitError extends Error {
  override readonly name: string = 'ToolkitError'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
