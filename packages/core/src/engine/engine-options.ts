import { z } from 'zod'
import { ArgumentError } from '../errors/argument-error'
import { ISOLATION_LEVELS } from './isolation-level'

// Node clamps a longer timer to 1 ms, so no option that becomes a timer may exceed it.
const MAX_TIMER_MS = 2_147_483_647

/**
 * An integer option whose every failure (wrong type, fraction, NaN, out of range) reads the same:
 * "Expected an integer from 1 to 10000 (…)", so the message always states the allowed range.
 */
function integerOption(min: number, max: number, unit: string): z.ZodNumber {
  const allowed = `an integer from ${min} to ${max} (${unit})`
  return z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed })
}

function booleanOption(): z.ZodBoolean {
  return z.boolean({ error: 'true or false' })
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T): z.ZodEnum<{ [K in T[number]]: K }> {
  return z.enum(values, { error: `one of ${values.map((value) => JSON.stringify(value)).join(', ')}` })
}

/** Options of `createEngine(url, options)`, validated with zod. */
export const engineOptionsSchema = z
  .object({
    /** Connections kept open in the pool. */
    poolSize: integerOption(1, 10_000, 'connections').default(5),
    /** Extra connections opened under load, closed when returned while the pool is above `poolSize`. */
    maxOverflow: integerOption(0, 10_000, 'connections').default(10),
    /** Milliseconds to wait for a free connection before `PoolTimeoutError`. */
    poolTimeout: integerOption(1, 3_600_000, 'milliseconds').default(30_000),
    /** Milliseconds after which a connection is replaced at checkout (0 = never). */
    poolRecycle: integerOption(0, MAX_TIMER_MS, 'milliseconds, 0 = never').default(0),
    /** Check a connection is alive before lending it; a dead one is replaced unseen. */
    poolPrePing: booleanOption().default(false),
    /** `queue`: a pool; `null`: open/close per checkout; `static`: one shared connection. */
    poolClass: oneOf(['queue', 'null', 'static']).optional(),
    /** Warn (with the checkout's stack trace) about a connection checked out longer than this many ms. Off when unset. */
    poolLeakWarning: integerOption(1, MAX_TIMER_MS, 'milliseconds').optional(),
    /** Log each statement and its duration. */
    echo: booleanOption().default(false),
    /** Where `echo` lines (default console.log) and pool warnings (default console.warn) go. */
    logger: z.custom<(message: string) => void>((value) => typeof value === 'function', 'a function').optional(),
    /** The default isolation level of transactions. */
    isolationLevel: oneOf(ISOLATION_LEVELS).optional(),
  })
  .strict()

export type EngineOptions = z.input<typeof engineOptionsSchema>
export type EngineSettings = z.output<typeof engineOptionsSchema>

/**
 * Validates engine options; a bad one is an `ArgumentError` naming the option, the value and
 * what is allowed: `Invalid value for option "poolSize": 0. Expected an integer from 1 to 10000 (connections).`
 */
export function parseEngineOptions(options: unknown): EngineSettings {
  const parsed = engineOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const option = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options')
  const value = issue.path.length > 0 ? (options as Record<string, unknown>)[String(issue.path[0])] : undefined
  if (issue.code === 'unrecognized_keys') {
    throw new ArgumentError(`Unknown engine option "${option}". Known options: ${Object.keys(engineOptionsSchema.shape).join(', ')}.`)
  }
  if (issue.path.length === 0) throw ArgumentError.invalidOption('options', options, 'an object of engine options')
  throw ArgumentError.invalidOption(option, value, issue.message)
}
