/**
 * W8, the type-check cost: the same 50-table schema and 200 typed queries, generated for Athanor,
 * Kysely and Drizzle under benchmarks/w8-generated/<library>/ (gitignored; outside src/, so the
 * workspace type-check does not include them), each checked with the workspace's tsc
 * --extendedDiagnostics. Reported: the median "Check time", "Instantiations" and "Types", and the
 * same over a one-table baseline (what loading the library's own types costs).
 *
 * Kysely and Drizzle are read from their published .d.ts files (skipLibCheck, as users have them).
 * @athanor/core is TypeScript source in this workspace, so its declarations are emitted first into
 * w8-generated/athanor-dts/ and the generated project reads those: the same footing, and the
 * numbers do not include type-checking Core's own implementation.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { W8_RUNS } from '../config'
import type { LibraryName } from '../libraries/library'
import { packageVersion } from '../libraries/library'
import type { Cell } from '../report'
import { athanorSources } from './generate-athanor'
import { drizzleSources } from './generate-drizzle'
import { kyselySources } from './generate-kysely'
import { QUERY_COUNT, TABLE_COUNT } from './schema-spec'

export const W8_TITLE = `W8 type-check: ${TABLE_COUNT}-table schema + ${QUERY_COUNT} typed queries (tsc --noEmit --extendedDiagnostics)`

export const W8_DIRECTORY = join(__dirname, '..', '..', 'w8-generated')

const GENERATORS: readonly { readonly library: LibraryName; readonly label: string; readonly sources: () => Record<string, string>; readonly prepare?: () => Record<string, unknown> }[] = [
  { library: 'athanor', label: 'athanor', sources: athanorSources, prepare: emitAthanorDeclarations },
  { library: 'kysely', label: 'kysely', sources: kyselySources },
  { library: 'drizzle', label: 'drizzle', sources: drizzleSources },
]

/** The workspace's settings (tsconfig.base.json), without jest's types. */
const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023', 'ESNext.Disposable'],
  module: 'commonjs',
  moduleResolution: 'node10',
  strict: true,
  esModuleInterop: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
}

export interface Diagnostics {
  readonly checkMs: number
  readonly totalMs: number
  readonly instantiations: number
  readonly types: number
}

/** Writes a library's sources and two tsconfigs: the workload and the one-table baseline. */
export function generate(library: string, sources: Record<string, string>, extraOptions: Record<string, unknown> = {}): string {
  const directory = join(W8_DIRECTORY, library)
  rmSync(directory, { recursive: true, force: true })
  mkdirSync(directory, { recursive: true })
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(directory, file), text)
  const compilerOptions = { ...COMPILER_OPTIONS, ...extraOptions }
  writeFileSync(join(directory, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, files: ['schema.ts', 'queries.ts'] }, null, 2)}\n`)
  writeFileSync(join(directory, 'tsconfig.baseline.json'), `${JSON.stringify({ compilerOptions, files: ['baseline.ts'] }, null, 2)}\n`)
  return directory
}

/**
 * Emits @athanor/core's declarations (as a build would publish them) and returns the compiler
 * options that point `@athanor/core`, and the zod its declarations import, at them.
 */
function emitAthanorDeclarations(): Record<string, unknown> {
  const coreDirectory = dirname(require.resolve('@athanor/core/package.json', { paths: [__dirname] }))
  const sourceDirectory = realpathSync(join(coreDirectory, 'src'))
  const outDirectory = join(W8_DIRECTORY, 'athanor-dts')
  const project = join(W8_DIRECTORY, 'tsconfig.athanor-dts.json')
  rmSync(outDirectory, { recursive: true, force: true })
  mkdirSync(W8_DIRECTORY, { recursive: true })
  const compilerOptions = { ...COMPILER_OPTIONS, noEmit: false, declaration: true, emitDeclarationOnly: true, outDir: outDirectory, rootDir: sourceDirectory }
  writeFileSync(project, `${JSON.stringify({ compilerOptions, include: [`${sourceDirectory}/**/*.ts`], exclude: [`${sourceDirectory}/**/*.test.ts`, `${sourceDirectory}/**/*.test-d.ts`] }, null, 2)}\n`)
  const tsc = require.resolve('typescript/bin/tsc', { paths: [__dirname] })
  // Declarations are written even if Core has type errors of its own (work in progress elsewhere); only a missing index fails.
  spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })
  if (!existsSync(join(outDirectory, 'index.d.ts'))) throw new Error('emitting @athanor/core declarations wrote no index.d.ts')
  const zod = require.resolve('zod', { paths: [coreDirectory] }).replace(/\.c?js$/, '.d.cts')
  return { baseUrl: '.', paths: { '@athanor/core': [join(outDirectory, 'index.d.ts')], zod: [zod] } }
}

/** Runs tsc on a project; throws with tsc's first errors when it does not pass. */
export function typeCheck(project: string): Diagnostics {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [__dirname] })
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  const output = `${run.stdout}${run.stderr}`
  if (run.status !== 0) throw new Error(`tsc -p ${project} failed: ${output.split('\n').filter((line) => line.includes('error')).slice(0, 3).join(' | ')}`)
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+([\\d.]+)(s?)$`, 'm').exec(output)
    if (!match) throw new Error(`tsc --extendedDiagnostics printed no "${name}"`)
    return match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1])
  }
  return { checkMs: field('Check time'), totalMs: field('Total time'), instantiations: field('Instantiations'), types: field('Types') }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export async function runW8(libraries: readonly string[] | undefined, isQuick: boolean): Promise<Cell[]> {
  const cells: Cell[] = []
  for (const generator of GENERATORS) {
    if (libraries && !libraries.includes(generator.library)) continue
    const cellBase = { workload: 'W8' as const, library: generator.library, label: generator.label, method: undefined, db: 'none' as const }
    try {
      const directory = generate(generator.library, generator.sources(), generator.prepare?.())
      // Workload and baseline alternate, so load from elsewhere on the machine skews both alike.
      const runs: Diagnostics[] = []
      const baselines: Diagnostics[] = []
      for (let run = 0; run < (isQuick ? 1 : W8_RUNS); run++) {
        runs.push(typeCheck(join(directory, 'tsconfig.json')))
        baselines.push(typeCheck(join(directory, 'tsconfig.baseline.json')))
      }
      const checkMs = median(runs.map((run) => run.checkMs))
      const baselineMs = median(baselines.map((run) => run.checkMs))
      const { instantiations, types } = runs[0]
      const baseline = baselines[0]
      cells.push({ ...cellBase, medianMs: checkMs, rounds: runs.length, error: undefined, instantiations, types, instantiationsOverBaseline: instantiations - baseline.instantiations, checkMsOverBaseline: checkMs - baselineMs })
      process.stderr.write(`  W8 ${generator.label}: check ${checkMs.toFixed(0)} ms, ${instantiations} instantiations (baseline ${baselineMs.toFixed(0)} ms, ${baseline.instantiations})\n`)
    } catch (error) {
      cells.push({ ...cellBase, medianMs: undefined, rounds: 0, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return cells
}

/** The W8 table: check time, its ratio to the fastest, instantiations and types, and each over the baseline. */
export function formatW8Table(cells: readonly Cell[]): string {
  const fastest = Math.min(...cells.filter((cell) => cell.medianMs !== undefined).map((cell) => cell.medianMs as number))
  const header = ['library', 'check time', 'ratio', 'instantiations', 'types', 'check time over baseline', 'instantiations over baseline']
  const rows = cells.map((cell) =>
    cell.medianMs === undefined
      ? [cell.label, 'failed', '', '', '', '', '']
      : [
          cell.label,
          `${cell.medianMs.toFixed(0)} ms`,
          `×${(cell.medianMs / fastest).toFixed(2)}`,
          String(cell.instantiations),
          String(cell.types),
          `${(cell.checkMsOverBaseline ?? 0).toFixed(0)} ms`,
          String(cell.instantiationsOverBaseline),
        ],
  )
  const widths = header.map((_, column) => Math.max(header[column].length, ...rows.map((row) => row[column].length)))
  const line = (row: readonly string[]): string => `| ${row.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join(' | ')} |`
  const errors = cells.filter((cell) => cell.error !== undefined).map((cell) => `${cell.label} W8 failed: ${cell.error}`)
  return [line(header), `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`, ...rows.map(line), ...(errors.length ? ['', ...errors] : [])].join('\n')
}

/** "typescript 5.9.3", for the report. */
export function typescriptVersion(): string {
  return `typescript ${packageVersion('typescript')}`
}
