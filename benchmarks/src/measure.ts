/** Timing helpers: warm-up, several rounds, the median. */

export interface Measurement {
  readonly medianMs: number
  readonly rounds: number
}

/** Runs `work` `warmup` times untimed, then `rounds` times timed; returns the median in ms. */
export async function measure(work: () => Promise<void> | void, options: { readonly warmup?: number; readonly rounds?: number } = {}): Promise<Measurement> {
  const warmup = options.warmup ?? 3
  const rounds = options.rounds ?? 9
  for (let index = 0; index < warmup; index++) await work()
  const times: number[] = []
  for (let index = 0; index < rounds; index++) {
    const startedAt = performance.now()
    await work()
    times.push(performance.now() - startedAt)
  }
  times.sort((a, b) => a - b)
  return { medianMs: times[Math.floor(times.length / 2)], rounds }
}

/** Throws when a benchmark's result is not what it should be: nothing is timed that did not happen. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`)
}
