import type { DriverConnection } from '@athanor/core'

/** Where a connection was checked out: a stack trace captured when the caller asked for it. */
export interface CheckoutSite {
  readonly stack?: string
}

/**
 * Warns about connections kept out of the pool longer than `thresholdMs`, with the stack trace of
 * the code that checked them out. Off (and free: no stack is captured) when `thresholdMs` is undefined.
 */
export class LeakDetector {
  private readonly timers = new Map<DriverConnection, ReturnType<typeof setTimeout>>()

  constructor(
    private readonly thresholdMs: number | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * Captures the caller's stack. Call it synchronously at the start of `acquire()`, before any
   * await, so the trace holds the caller's own frames rather than the pool's continuation.
   * `above` is omitted from the trace along with every frame above it.
   */
  captureSite(above: (...args: never[]) => unknown): CheckoutSite | undefined {
    if (this.thresholdMs === undefined) return undefined
    const site: { stack?: string } = {}
    Error.captureStackTrace(site, above)
    return site
  }

  /** Starts the clock for a connection just lent. */
  watch(connection: DriverConnection, site: CheckoutSite | undefined): void {
    if (this.thresholdMs === undefined) return
    const thresholdMs = this.thresholdMs
    const timer = setTimeout(() => {
      this.timers.delete(connection)
      this.warn(leakWarning(thresholdMs, site))
    }, thresholdMs)
    // A forgotten connection must not also keep the process alive.
    timer.unref()
    this.timers.set(connection, timer)
  }

  /** Stops the clock: the connection came back (or was discarded). */
  forget(connection: DriverConnection): void {
    if (this.timers.size === 0) return
    const timer = this.timers.get(connection)
    if (timer === undefined) return
    clearTimeout(timer)
    this.timers.delete(connection)
  }
}

/** The warning's wording, in one place. */
export function leakWarning(thresholdMs: number, site: CheckoutSite | undefined): string {
  // The first line of a captured stack is the placeholder "Error" header, not a frame.
  const frames = site?.stack?.split('\n').slice(1).join('\n') ?? '    (stack not captured)'
  return (
    `[athanor] A connection has been checked out for more than ${thresholdMs} ms (poolLeakWarning) and not returned. ` +
    `Close it with connection.close() or \`await using\`. It was checked out at:\n${frames}`
  )
}
