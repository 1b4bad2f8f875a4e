/**
 * One library under test. Every workload is optional: a library that cannot do one leaves it out
 * and its cell stays empty. Workloads return what they read, so the harness can check it untimed.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { WorkloadId } from '../config'
import type { Fixture } from '../fixtures/fixture'
import type { CompiledSql, ItemRow, LoadedUser, NewUser, UserRow, W1Input } from '../workloads/data'

export type LibraryName = 'raw' | 'athanor' | 'athanor-core' | 'kysely' | 'knex' | 'drizzle' | 'mikro-orm' | 'typeorm'

export interface BenchLibrary {
  readonly name: LibraryName
  /** What the table shows, e.g. "raw (pg)"; set by setup. */
  label: string
  /** Package versions, e.g. "kysely 0.28.18"; set by setup. */
  versions: string
  /** Per-workload notes: how the library does it when that differs from its name, e.g. "athanor-core (by hand)". */
  methods: Partial<Record<WorkloadId, string>>
  setup(fixture: Fixture): Promise<void>
  /** Build and compile the W1 statement (no database). */
  W1?(input: W1Input): CompiledSql
  /** Look up each id by primary key, one statement each; the rows in order. */
  W2?(ids: readonly number[]): Promise<UserRow[]>
  /** Every user as an object, ordered by id. */
  W3?(): Promise<UserRow[]>
  /** Insert the rows into bench_items in one transaction. */
  W4?(rows: readonly ItemRow[]): Promise<void>
  /** For each row: begin, insert it, update its value to value + 1000, commit. */
  W5?(rows: readonly ItemRow[]): Promise<void>
  /** Users 1..200 ordered by id, each with its posts (by id) and each post's tags (by id). */
  W6?(): Promise<LoadedUser[]>
  /** Insert the users and their posts in one transaction (an ORM: one flush). */
  W7?(users: readonly NewUser[]): Promise<void>
  teardown(): Promise<void>
}

/** W5 sets each inserted row's value to this much more. */
export const W5_INCREMENT = 1_000

/**
 * The installed version of a package: its entry point is resolved (from `from`, for a package's own
 * copy of a dependency) and the nearest package.json of that name read.
 */
export function packageVersion(name: string, from: string = __dirname): string {
  let directory = dirname(require.resolve(name, { paths: [from] }))
  for (;;) {
    const file = join(directory, 'package.json')
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (manifest.name === name && manifest.version) return manifest.version
    }
    const parent = dirname(directory)
    if (parent === directory) return 'unknown'
    directory = parent
  }
}

/** The directory a package is installed in (to resolve that package's own dependencies from it). */
export function packageDirectory(name: string, from: string = __dirname): string {
  return dirname(require.resolve(name, { paths: [from] }))
}
