/**
 * `pnpm bench [--only W2|W3]`: Athanor against better-sqlite3 used directly (prepared statements,
 * object rows), on a SQLite file in WAL mode. Prints each median and the ratio to the raw driver.
 * The full suite against peers and the other databases is tracked in issue #9.
 */
import Database from 'better-sqlite3'
import { select } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { check, measure } from './measure'
import { ROW_COUNT, createSqliteFile, users } from './sqlite-fixture'

const LOOKUPS = 5_000

interface Row {
  readonly workload: string
  readonly library: string
  readonly medianMs: number
}

async function main(): Promise<void> {
  const only = argumentAfter('--only')
  const file = createSqliteFile()
  const raw = new Database(file)
  raw.pragma('journal_mode = WAL')
  const engine = createEngine(`sqlite:///${file}`)
  const connection = await engine.connect()
  const results: Row[] = []

  if (!only || only === 'W2') {
    const byId = raw.prepare('select id, name, email, age, is_active from bench_users where id = ?')
    const rawLookup = await measure(() => {
      let found = 0
      for (let id = 1; id <= LOOKUPS; id++) found += (byId.get(id) as { id: number }).id === id ? 1 : 0
      check(found === LOOKUPS, 'raw W2 found every row')
    })
    const athanorLookup = await measure(async () => {
      let found = 0
      for (let id = 1; id <= LOOKUPS; id++) {
        // Built per call, as users write it: the compiled shape and prepared statement are reused.
        const row = (await connection.execute(select(users).where(users.c.id.eq(id)))).one()
        found += row.id === id ? 1 : 0
      }
      check(found === LOOKUPS, 'athanor W2 found every row')
    })
    results.push({ workload: `W2 primary-key lookup ×${LOOKUPS}`, library: 'better-sqlite3', medianMs: rawLookup.medianMs })
    results.push({ workload: `W2 primary-key lookup ×${LOOKUPS}`, library: 'athanor', medianMs: athanorLookup.medianMs })
  }

  if (!only || only === 'W3') {
    const all = raw.prepare('select id, name, email, age, is_active from bench_users')
    const rawFetch = await measure(() => {
      const rows = all.all() as { id: number }[]
      check(rows.length === ROW_COUNT && rows[ROW_COUNT - 1].id === ROW_COUNT, 'raw W3 fetched every row')
    })
    const athanorFetch = await measure(async () => {
      const rows = (await connection.execute(select(users))).all()
      check(rows.length === ROW_COUNT && rows[ROW_COUNT - 1].id === ROW_COUNT && typeof rows[0].isActive === 'boolean', 'athanor W3 fetched every row')
    })
    results.push({ workload: `W3 fetch ${ROW_COUNT} rows`, library: 'better-sqlite3', medianMs: rawFetch.medianMs })
    results.push({ workload: `W3 fetch ${ROW_COUNT} rows`, library: 'athanor', medianMs: athanorFetch.medianMs })
  }

  await connection.close()
  await engine.dispose()
  raw.close()
  printTable(results)
}

function printTable(results: readonly Row[]): void {
  const rawByWorkload = new Map(results.filter((r) => r.library === 'better-sqlite3').map((r) => [r.workload, r.medianMs]))
  console.log(`SQLite (WAL file), node ${process.version}, medians of 9 rounds after 3 warm-ups\n`)
  console.table(
    results.map((r) => ({
      workload: r.workload,
      library: r.library,
      'median ms': r.medianMs.toFixed(2),
      'ratio to raw': (r.medianMs / (rawByWorkload.get(r.workload) ?? Number.NaN)).toFixed(2),
    })),
  )
}

function argumentAfter(flag: string): string | undefined {
  const index = process.argv.indexOf(flag)
  return index >= 0 ? process.argv[index + 1] : undefined
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
