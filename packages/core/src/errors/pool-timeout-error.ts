import { ToolkitError } from './toolkit-error'

/** No connection became free within `poolTimeout` milliseconds. */
export class PoolTimeoutError extends ToolkitError {
  override readonly name: string = 'PoolTimeoutError'

  /** `status.waiting` counts the other callers still waiting; this one has given up. */
  static afterWaiting(timeoutMs: number, status: { size: number; checkedOut: number; waiting: number }, cause?: unknown): PoolTimeoutError {
    return new PoolTimeoutError(
      `Timed out after ${timeoutMs} ms waiting for a connection (pool size ${status.size}, checked out ${status.checkedOut}, ` +
        `waiting ${status.waiting + 1} including this caller). Return connections with close(), or raise poolSize / maxOverflow / poolTimeout.`,
      { cause },
    )
  }
}
