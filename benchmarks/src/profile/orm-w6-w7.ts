/**
 * A profiling harness for the ORM rows: W6 (eager load) and W7 (unit of work) through the "athanor"
 * library (the ORM) and the "athanor-core" one (the same work by hand), on the suite's own fixture.
 * `npx tsx benchmarks/src/profile/orm-w6-w7.ts [W6|W7] [rounds] [sqlite|postgresql|mysql]` (env: RAW=1 adds the raw driver and gives ratios to it; ONLY=orm|core|raw runs one; NOGC=1 skips the GC before each round, FULLGC=1 makes it a full one), or under
 * `node --cpu-prof --import tsx …` to see where the time goes. Prints the median ms of each and the ratio.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { DatabaseKind } from '../config'
import { createFixture } from '../fixtures/create-fixture'
import { createAthanorCoreLibrary, createAthanorLibrary } from '../libraries/athanor'
import { allLibraries } from '../libraries/all-libraries'
if (process.env.ALL) allLibraries()
import type { BenchLibrary } from '../libraries/library'
import { createRawLibrary } from '../libraries/raw'
import { checkEagerLoad, checkNewUsers } from '../workloads/checks'
import { w7Users } from '../workloads/data'

setFlagsFromString('--expose-gc')
// As the suite does (src/measure.ts): a young-generation GC before each round; FULLGC=1 makes it a full one.
const gc = runInNewContext('gc') as (options?: { readonly type: 'minor' | 'major' }) => void
const collectGarbage = (): void => gc({ type: process.env.FULLGC ? 'major' : 'minor' })
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'W6'
  const rounds = Number(process.argv[3] ?? 30)
  const kind = (process.argv[4] ?? 'sqlite') as DatabaseKind
  const only = process.env.ONLY // "orm" or "core": profile one side only
  const fixture = await createFixture(kind)
  const libraries: BenchLibrary[] = [createRawLibrary(), createAthanorLibrary(), createAthanorCoreLibrary()].filter((library) => (only === undefined ? library.name !== 'raw' || process.env.RAW !== undefined : only === library.name || (only === 'orm' && library.name === 'athanor') || (only === 'core' && library.name === 'athanor-core')))
  for (const library of libraries) await library.setup(fixture)
  const newUsers = process.env.NOFREEZE ? w7Users() : deepFreeze(w7Users())
  const times = new Map<string, number[]>(libraries.map((library) => [library.name, []]))
  // CPU time of this process too: steadier than wall time on a loaded machine (not the server's, for PostgreSQL/MySQL).
  const cpuTimes = new Map<string, number[]>(libraries.map((library) => [library.name, []]))
  try {
    for (let round = 0; round < rounds; round++) {
      for (const library of libraries) {
        if (which === 'W7') await fixture.deleteNewUsers()
        if (!process.env.NOGC) collectGarbage()
        const started = performance.now()
        const cpuStarted = process.cpuUsage()
        if (which === 'W6') {
          const users = await (library.W6 as NonNullable<BenchLibrary['W6']>).call(library)
          ;(times.get(library.name) as number[]).push(performance.now() - started)
          ;(cpuTimes.get(library.name) as number[]).push(cpuMs(process.cpuUsage(cpuStarted)))
          if (round === 0) checkEagerLoad(library.name, users)
        } else {
          await (library.W7 as NonNullable<BenchLibrary['W7']>).call(library, newUsers)
          ;(times.get(library.name) as number[]).push(performance.now() - started)
          ;(cpuTimes.get(library.name) as number[]).push(cpuMs(process.cpuUsage(cpuStarted)))
          if (round === 0) await checkNewUsers(library.name, fixture, newUsers)
        }
      }
    }
  } finally {
    for (const library of libraries) await library.teardown()
    await fixture.close()
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const summary = (table: Map<string, number[]>): (readonly [string, number])[] => [...table].map(([name, values]) => [name, median(values.slice(Math.min(3, values.length - 1)))] as const)
  const wall = summary(times)
  const cpu = new Map(summary(cpuTimes))
  // Ratios to the raw driver when it ran (RAW=1), else to the by-hand Core row.
  const base = process.env.RAW !== undefined ? 'raw' : 'athanor-core'
  const coreWall = wall.find(([name]) => name === base)?.[1]
  const coreCpu = cpu.get(base)
  for (const [name, ms] of wall) {
    const cpuMsOf = cpu.get(name) as number
    const ratios = coreWall === undefined || coreCpu === undefined ? '' : ` (×${(ms / coreWall).toFixed(2)} wall, ×${(cpuMsOf / coreCpu).toFixed(2)} cpu of ${base})`
    console.log(`${kind} ${which} ${name}: ${ms.toFixed(2)} ms wall, ${cpuMsOf.toFixed(2)} ms cpu${ratios}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
