/**
 * Timing: warm-up rounds, timed rounds within a time budget, the median. The libraries' rounds of one
 * workload are interleaved (a round of each in turn), so a burst of load from elsewhere on the
 * machine falls on every library alike instead of on whichever happened to be running.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { RoundPlan } from './config'

// A young-generation collection before each round (untimed), so one library's short-lived garbage
// is not collected in the next library's timed round. Not a full collection: that would also drop
// the hidden classes of objects no longer alive and with them the optimised code that embeds them,
// making every round start half cold (worst for libraries that build many objects, the ORMs); a
// long-running service does not collect everything between two requests either. `--expose-gc`
// set at run time is visible in a fresh context.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { readonly type: 'minor' | 'major' }) => void
const collectGarbage = (): void => gc({ type: 'minor' })

export interface Measurement {
  readonly medianMs: number
  readonly minMs: number
  readonly maxMs: number
  readonly rounds: number
}

/** One round of a workload: `before` and `check` run untimed around the timed `work`. */
export interface RoundHooks<R> {
  before?(): Promise<void>
  work(): Promise<R>
  check(result: R): Promise<void>
}

/** The rounds of one (library, workload) cell, taken one step at a time. Every round, warm-up included, is checked. */
export class RoundSeries<R> {
  private readonly times: number[] = []
  private warmedUp = 0
  private spentMs = 0

  constructor(
    private readonly hooks: RoundHooks<R>,
    private readonly plan: RoundPlan,
  ) {}

  /** True once `plan.rounds` rounds are timed, or `plan.minRounds` are and the budget is spent. */
  get isDone(): boolean {
    if (this.warmedUp < this.plan.warmup) return false
    return this.times.length >= this.plan.rounds || (this.times.length >= this.plan.minRounds && this.spentMs >= this.plan.budgetMs)
  }

  /** Runs the next round: a warm-up round while any are left, else a timed one. */
  async step(): Promise<void> {
    const startedAt = performance.now()
    await this.hooks.before?.()
    collectGarbage()
    const workStartedAt = performance.now()
    const result = await this.hooks.work()
    const elapsed = performance.now() - workStartedAt
    await this.hooks.check(result)
    if (this.warmedUp < this.plan.warmup) {
      this.warmedUp++
      return
    }
    this.times.push(elapsed)
    this.spentMs += performance.now() - startedAt
  }

  measurement(): Measurement {
    const sorted = [...this.times].sort((a, b) => a - b)
    const middle = Math.floor(sorted.length / 2)
    const medianMs = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    return { medianMs, minMs: sorted[0], maxMs: sorted[sorted.length - 1], rounds: sorted.length }
  }
}

/** Throws when a benchmark's result is not what it should be: nothing is timed that did not happen. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`benchmark check failed: ${message}`)
}
