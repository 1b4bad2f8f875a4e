/**
 * `pnpm --filter @athanor/benchmarks bench:pool`: the cost of one checkout + checkin through
 * `engine.connect()` / `connection.close()`, against tarn used directly over the same driver
 * connections. SQLite always; PostgreSQL too when ATHANOR_POSTGRESQL_URL (or the local default)
 * answers. Prints the median of several rounds, the cost per cycle and the ratio to tarn.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Driver, DriverConnection, EngineOptions } from '@athanor/core'
import { PostgresDriver, SqliteDriver, createEngine, parseDatabaseUrl } from '@athanor/dialects'
import { Pool } from 'tarn'

const CYCLES = 20_000
const POOL_SIZE = 5
const WARMUP_ROUNDS = 3
const ROUNDS = 9

interface Target {
  readonly name: string
  readonly url: string
  readonly driver: Driver
}

interface Row {
  readonly target: string
  readonly library: string
  readonly medianMs: number
}

/** Runs `work` untimed a few times, then ROUNDS times timed; the median in ms. Self-contained, so this script stays independent of the main suite's harness. */
async function medianMs(work: () => Promise<void>): Promise<number> {
  for (let round = 0; round < WARMUP_ROUNDS; round++) await work()
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const startedAt = performance.now()
    await work()
    times.push(performance.now() - startedAt)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** Fails the run when a benchmark did not do what it claims to time. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark check failed: ${message}`)
}

/** N sequential checkout + checkin cycles on a tarn pool of the driver's connections. */
async function measureTarn(driver: Driver): Promise<number> {
  const pool = new Pool<DriverConnection>({
    create: () => driver.connect(),
    destroy: (connection) => connection.close(),
    min: POOL_SIZE,
    max: POOL_SIZE,
  })
  try {
    return await medianMs(async () => {
      let cycles = 0
      for (let index = 0; index < CYCLES; index++) {
        const connection = await pool.acquire().promise
        pool.release(connection)
        cycles++
      }
      check(cycles === CYCLES && pool.numUsed() === 0, 'tarn: every connection came back')
    })
  } finally {
    await pool.destroy()
  }
}

/** The same cycles through the engine: QueuePool bookkeeping, events, reset on return. */
async function measureEngine(url: string, options: EngineOptions): Promise<number> {
  const engine = createEngine(url, { poolSize: POOL_SIZE, maxOverflow: 0, poolClass: 'queue', ...options })
  try {
    return await medianMs(async () => {
      for (let index = 0; index < CYCLES; index++) {
        const connection = await engine.connect()
        await connection.close()
      }
      check(engine.pool.status().checkedOut === 0, 'athanor: every connection came back')
    })
  } finally {
    await engine.dispose()
  }
}

async function isReachable(driver: Driver): Promise<boolean> {
  try {
    const connection = await driver.connect()
    await connection.close()
    return true
  } catch {
    return false
  }
}

async function targets(): Promise<Target[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'athanor-bench-pool-')), 'pool.db')
  const found: Target[] = [{ name: 'sqlite (file)', url: `sqlite:///${file}`, driver: new SqliteDriver({ filename: file }) }]
  const postgresUrl = process.env.ATHANOR_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'
  const target = parseDatabaseUrl(postgresUrl)
  if (target.dialect === 'postgresql') {
    const driver = new PostgresDriver({ host: target.host, port: target.port, user: target.user, password: target.password, database: target.database })
    if (await isReachable(driver)) found.push({ name: 'postgresql', url: postgresUrl, driver })
    else console.log(`(PostgreSQL at ${postgresUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable: skipped)`)
  }
  return found
}

async function main(): Promise<void> {
  const rows: Row[] = []
  for (const target of await targets()) {
    rows.push({ target: target.name, library: 'tarn directly', medianMs: await measureTarn(target.driver) })
    rows.push({ target: target.name, library: 'athanor connect/close', medianMs: await measureEngine(target.url, {}) })
    // Pre-ping costs one round trip per checkout on a server; shown so that the price is known.
    if (target.name === 'postgresql') rows.push({ target: target.name, library: 'athanor, poolPrePing', medianMs: await measureEngine(target.url, { poolPrePing: true }) })
  }
  console.log(`\n${CYCLES} sequential checkout + checkin cycles, pool of ${POOL_SIZE}; median of ${ROUNDS} rounds\n`)
  console.log(`${'target'.padEnd(15)} ${'library'.padEnd(24)} ${'median ms'.padStart(10)} ${'µs/cycle'.padStart(9)} ${'vs tarn'.padStart(8)}`)
  for (const row of rows) {
    const tarn = rows.find((other) => other.target === row.target && other.library === 'tarn directly') as Row
    const perCycleUs = (row.medianMs * 1000) / CYCLES
    console.log(
      `${row.target.padEnd(15)} ${row.library.padEnd(24)} ${row.medianMs.toFixed(1).padStart(10)} ${perCycleUs.toFixed(2).padStart(9)} ${`${(row.medianMs / tarn.medianMs).toFixed(2)}x`.padStart(8)}`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
