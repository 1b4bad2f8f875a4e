import { z } from 'zod'
import { ArgumentError } from '../errors/argument-error'
import { ISOLATION_LEVELS } from './isolation-level'

/** Options of `createEngine(url, options)`, validated with zod. */
export const engineOptionsSchema = z
  .object({
    /** Connections kept open in the pool. */
    poolSize: z.number().int().min(1).max(10_000).default(5),
    /** Extra connections opened under load, closed when returned. */
    maxOverflow: z.number().int().min(0).max(10_000).default(10),
    /** Milliseconds to wait for a free connection before `PoolTimeoutError`. */
    poolTimeout: z.number().int().min(1).max(3_600_000).default(30_000),
    /** Milliseconds after which a connection is replaced at checkout (0 = never). */
    poolRecycle: z.number().int().min(0).default(0),
    /** Check a connection is alive before lending it. */
    poolPrePing: z.boolean().default(false),
    /** `queue`: a pool; `null`: open/close per checkout; `static`: one shared connection. */
    poolClass: z.enum(['queue', 'null', 'static']).optional(),
    /** Log each statement and its duration. */
    echo: z.boolean().default(false),
    /** Where `echo` writes; defaults to console.log. */
    logger: z.custom<(message: string) => void>((value) => typeof value === 'function', 'a function').optional(),
    /** The default isolation level of transactions. */
    isolationLevel: z.enum(ISOLATION_LEVELS).optional(),
  })
  .strict()

export type EngineOptions = z.input<typeof engineOptionsSchema>
export type EngineSettings = z.output<typeof engineOptionsSchema>

/** Validates engine options; a bad one is an `ArgumentError` naming the option, the value and what is allowed. */
export function parseEngineOptions(options: unknown): EngineSettings {
  const parsed = engineOptionsSchema.safeParse(options ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const option = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options')
  const value = issue.path.length > 0 ? (options as Record<string, unknown>)[String(issue.path[0])] : undefined
  if (issue.code === 'unrecognized_keys') {
    throw new ArgumentError(`Unknown engine option "${option}". Known options: ${Object.keys(engineOptionsSchema.shape).join(', ')}.`)
  }
  throw ArgumentError.invalidOption(option, value, issue.message)
}
