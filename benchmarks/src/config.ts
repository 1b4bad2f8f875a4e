/** Sizes, round plans and database URLs of the suite: one place to read what a run does. */

export type DatabaseKind = 'sqlite' | 'postgresql' | 'mysql'
export const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgresql', 'mysql']

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'W7' | 'W8'
export const WORKLOAD_IDS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8']

/** The seeded data. Users 1..USER_COUNT; the first USERS_WITH_POSTS users have POSTS_PER_USER posts each. */
export const SIZES = {
  userCount: 10_000,
  usersWithPosts: 2_000,
  postsPerUser: 5,
  tagCount: 30,
  /** Each post gets this many tags. */
  tagsPerPost: 3,
  /** W1: statements built and compiled per round. */
  w1Builds: 1_000,
  /** W2: primary-key lookups per round. */
  w2Lookups: 5_000,
  /** W4: rows inserted per round, in one transaction. */
  w4Rows: 10_000,
  /** Multi-row INSERTs carry this many rows (SQLite allows 32,766 parameters; 10,000 rows × 4 columns is more). */
  insertChunk: 1_000,
  /** W5: transactions per round. */
  w5Transactions: 2_000,
  /** W6: users loaded with their posts and each post's tags. */
  w6Users: 200,
  /** W7: new users (each with w7PostsPerUser posts) flushed at once. */
  w7Users: 1_000,
  w7PostsPerUser: 2,
} as const

export const POST_COUNT = SIZES.usersWithPosts * SIZES.postsPerUser

/**
 * Warm-up rounds, timed rounds, and a time budget per (library, workload): once the budget is spent
 * and at least `minRounds` rounds are timed, the cell stops. This keeps a full run per database
 * under 10 minutes on 2 cores.
 */
export interface RoundPlan {
  readonly warmup: number
  readonly rounds: number
  readonly minRounds: number
  readonly budgetMs: number
}

export const ROUND_PLANS: Readonly<Record<Exclude<WorkloadId, 'W8'>, RoundPlan>> = {
  W1: { warmup: 8, rounds: 9, minRounds: 5, budgetMs: 8_000 },
  W2: { warmup: 2, rounds: 9, minRounds: 5, budgetMs: 8_000 },
  W3: { warmup: 2, rounds: 9, minRounds: 5, budgetMs: 6_000 },
  W4: { warmup: 1, rounds: 7, minRounds: 3, budgetMs: 8_000 },
  W5: { warmup: 1, rounds: 5, minRounds: 3, budgetMs: 10_000 },
  W6: { warmup: 2, rounds: 9, minRounds: 5, budgetMs: 6_000 },
  W7: { warmup: 1, rounds: 7, minRounds: 3, budgetMs: 8_000 },
}

/** W8: tsc runs per library (the median check time is reported). */
export const W8_RUNS = 3

/** Server URLs; the same defaults and variables as the integration tests. */
export function serverUrl(kind: 'postgresql' | 'mysql'): string {
  return kind === 'postgresql'
    ? (process.env.ATHANOR_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/test')
    : (process.env.ATHANOR_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test')
}
