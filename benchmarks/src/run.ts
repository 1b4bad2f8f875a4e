/**
 * `pnpm bench [--db sqlite|postgresql|mysql|all] [--only W2[,W3…]] [--lib athanor,raw…] [--json out.json] [--quick]`
 *
 * Runs W1–W7 for every library on one database (SQLite by default, a WAL file), then W8 (type-check
 * cost, no database). Prints a library × workload table of medians and their ratio to the raw driver
 * (W1 and W8: to the fastest peer). Every round's result is checked; a failure is reported, not timed.
 */
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { DATABASE_KINDS, type DatabaseKind, ROUND_PLANS, type RoundPlan, W8_RUNS, WORKLOAD_IDS, type WorkloadId } from './config'
import { createFixture } from './fixtures/create-fixture'
import type { Fixture } from './fixtures/fixture'
import { allLibraries } from './libraries/all-libraries'
import type { BenchLibrary } from './libraries/library'
import { RoundSeries } from './measure'
import { type Cell, formatTable, writeJson } from './report'
import { W8_TITLE, formatW8Table, runW8, typescriptVersion } from './w8/run-w8'
import { WORKLOADS, type Workload } from './workloads/workloads'

/** A round (or a setup/teardown) that takes longer than this is stuck: it fails the cell. */
const STUCK_AFTER_MS = 120_000
const QUICK_PLAN: RoundPlan = { warmup: 1, rounds: 3, minRounds: 3, budgetMs: 0 }

interface Options {
  readonly databases: readonly DatabaseKind[]
  readonly workloads: readonly WorkloadId[]
  readonly libraries: readonly string[] | undefined
  readonly jsonFile: string | undefined
  readonly isQuick: boolean
}

function parseOptions(argv: readonly string[]): Options {
  const valueOf = (flag: string): string | undefined => {
    const index = argv.indexOf(flag)
    return index >= 0 ? argv[index + 1] : undefined
  }
  const list = (flag: string): string[] | undefined => valueOf(flag)?.split(',').map((item) => item.trim())
  const db = valueOf('--db') ?? 'sqlite'
  const databases = db === 'all' ? DATABASE_KINDS : [db as DatabaseKind]
  for (const database of databases) if (!DATABASE_KINDS.includes(database)) throw new Error(`--db ${db}: use sqlite, postgresql, mysql or all`)
  const workloads = (list('--only')?.map((id) => id.toUpperCase()) ?? WORKLOAD_IDS) as WorkloadId[]
  for (const workload of workloads) if (!WORKLOAD_IDS.includes(workload)) throw new Error(`--only ${workload}: use ${WORKLOAD_IDS.join(', ')}`)
  return { databases, workloads, libraries: list('--lib'), jsonFile: valueOf('--json'), isQuick: argv.includes('--quick') }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${STUCK_AFTER_MS / 1000} s`)), STUCK_AFTER_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The first line of an error, and of its cause (drivers' errors are often wrapped). */
function messageOf(error: unknown): string {
  const firstLine = (value: unknown): string => (value instanceof Error ? value.message : String(value)).split('\n')[0].slice(0, 200)
  const cause = error instanceof Error && error.cause !== undefined ? ` (cause: ${firstLine(error.cause)})` : ''
  return `${firstLine(error)}${cause}`
}

interface Entry {
  readonly library: BenchLibrary
  isReady: boolean
  /** Why the library cannot run at all (its setup failed), if it cannot. */
  setupError: string | undefined
}

/** Sets a library up; a failure is kept, not thrown. */
async function setUp(entry: Entry, fixture: Fixture): Promise<void> {
  try {
    await withTimeout(entry.library.setup(fixture), `${entry.library.name} setup`)
    entry.isReady = true
    entry.setupError = undefined
  } catch (error) {
    entry.setupError = messageOf(error)
    process.stderr.write(`  ${fixture.kind} ${entry.library.label}: setup FAILED ${entry.setupError}\n`)
  }
}

/** After a failed round: whatever it left open (a transaction holding locks) goes with the connections. */
async function recover(entry: Entry, fixture: Fixture): Promise<void> {
  await withTimeout(entry.library.teardown(), `${entry.library.name} teardown`).catch(() => undefined)
  entry.isReady = false
  await setUp(entry, fixture)
}

/** Runs one workload for every ready library, their rounds interleaved; returns a cell per library that does it. */
async function runWorkload(workload: Workload, entries: readonly Entry[], fixture: Fixture, options: Options): Promise<Cell[]> {
  const plan = options.isQuick ? QUICK_PLAN : workload.plan
  const cellOf = (library: BenchLibrary, fields: { medianMs?: number; rounds?: number; error?: string }): Cell => ({
    workload: workload.id,
    library: library.name,
    label: library.label,
    method: library.methods[workload.id],
    db: fixture.kind,
    medianMs: fields.medianMs,
    rounds: fields.rounds ?? 0,
    error: fields.error,
  })
  const cells: Cell[] = []
  const running: { entry: Entry; series: RoundSeries<unknown> }[] = []
  for (const entry of entries) {
    if (!entry.isReady) {
      if (entry.setupError !== undefined && workload.hooks(entry.library, fixture) !== undefined) cells.push(cellOf(entry.library, { error: `setup failed: ${entry.setupError}` }))
      continue
    }
    const hooks = workload.hooks(entry.library, fixture)
    if (hooks !== undefined) running.push({ entry, series: new RoundSeries(hooks, plan) })
  }
  while (running.length > 0) {
    for (const item of [...running]) {
      const { library } = item.entry
      try {
        if (!item.series.isDone) await withTimeout(item.series.step(), `${library.name} ${workload.id} round`)
        if (!item.series.isDone) continue
        const result = item.series.measurement()
        cells.push(cellOf(library, { medianMs: result.medianMs, rounds: result.rounds }))
        process.stderr.write(`  ${fixture.kind} ${workload.id} ${library.label}: ${result.medianMs.toFixed(2)} ms (median of ${result.rounds}; ${result.minMs.toFixed(2)}–${result.maxMs.toFixed(2)})\n`)
      } catch (error) {
        cells.push(cellOf(library, { error: messageOf(error) }))
        process.stderr.write(`  ${fixture.kind} ${workload.id} ${library.label}: FAILED ${messageOf(error)}\n`)
        await recover(item.entry, fixture)
      }
      running.splice(running.indexOf(item), 1)
    }
  }
  await workload.cleanUp?.(fixture)
  return cells
}

async function runDatabase(kind: DatabaseKind, options: Options): Promise<{ cells: Cell[]; versions: string[]; serverVersion: string } | undefined> {
  const workloads = WORKLOADS.filter((workload) => options.workloads.includes(workload.id))
  if (workloads.length === 0) return undefined
  let fixture: Fixture
  const startedAt = performance.now()
  try {
    fixture = await createFixture(kind)
  } catch (error) {
    console.error(`\n${kind}: cannot set up the database (${messageOf(error)}); skipped.`)
    return undefined
  }
  process.stderr.write(`${fixture.serverVersion}: seeded in ${((performance.now() - startedAt) / 1000).toFixed(1)} s; load average ${loadAverage()}\n`)
  const entries: Entry[] = allLibraries()
    .filter((library) => !options.libraries || options.libraries.includes(library.name))
    .map((library) => ({ library, isReady: false, setupError: undefined }))
  const cells: Cell[] = []
  try {
    for (const entry of entries) await setUp(entry, fixture)
    for (const workload of workloads) cells.push(...(await runWorkload(workload, entries, fixture, options)))
  } finally {
    for (const entry of entries) if (entry.isReady) await withTimeout(entry.library.teardown(), `${entry.library.name} teardown`).catch(() => undefined)
    await fixture.close()
  }
  process.stderr.write(`${kind}: ${((performance.now() - startedAt) / 1000).toFixed(0)} s; load average ${loadAverage()}\n`)
  // Rows in library order, whatever order the cells finished in.
  const order = entries.map((entry) => entry.library.name)
  cells.sort((a, b) => order.indexOf(a.library) - order.indexOf(b.library))
  return { cells, versions: entries.map((entry) => entry.library.versions).filter(Boolean), serverVersion: fixture.serverVersion }
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews timings. */
function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const plan = options.isQuick ? 'quick: 1 warm-up, 3 rounds' : Object.entries(ROUND_PLANS).map(([id, p]) => `${id} ${p.warmup}+${p.minRounds}–${p.rounds}`).join(', ')
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${new Date().toISOString()}, load average ${loadAverage()}`)
  console.log(`rounds (warm-up + timed): ${plan}`)
  const titles = Object.fromEntries(WORKLOADS.map((workload) => [workload.id, workload.title])) as Partial<Record<WorkloadId, string>>
  titles.W8 = W8_TITLE
  const all: Cell[] = []
  for (const kind of options.databases) {
    const outcome = await runDatabase(kind, options)
    if (outcome === undefined) continue
    all.push(...outcome.cells)
    const workloads = options.workloads.filter((id) => id !== 'W8')
    console.log(`\n## ${outcome.serverVersion}\n\n${outcome.versions.join(', ')}\n`)
    console.log(formatTable(outcome.cells, workloads, titles))
  }
  if (options.workloads.includes('W8')) {
    const cells = await runW8(options.libraries, options.isQuick)
    all.push(...cells)
    console.log(`\n## ${W8_TITLE}\n\n${typescriptVersion()}, median check time of ${options.isQuick ? 1 : W8_RUNS} runs\n`)
    console.log(formatW8Table(cells))
  }
  // pnpm runs the script in benchmarks/; a relative --json path is taken from where pnpm was started
  // (INIT_CWD: the repository root for the root `pnpm bench`).
  if (options.jsonFile) writeJson(resolve(process.env.INIT_CWD ?? process.cwd(), options.jsonFile), all)
  if (all.some((cell) => cell.error !== undefined)) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
