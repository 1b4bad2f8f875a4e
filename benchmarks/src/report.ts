/** Results: ratios, the printed library × workload table, and the JSON file. */
import { writeFileSync } from 'node:fs'
import type { DatabaseKind, WorkloadId } from './config'
import type { LibraryName } from './libraries/library'

export interface Cell {
  readonly workload: WorkloadId
  readonly library: LibraryName
  /** The row label, e.g. "raw (pg)". */
  readonly label: string
  /** How this library did this workload when it is not its plain API, e.g. "athanor-core (by hand)". */
  readonly method: string | undefined
  readonly db: DatabaseKind | 'none'
  readonly medianMs: number | undefined
  readonly rounds: number
  readonly error: string | undefined
  /** W8 only. */
  readonly instantiations?: number
  readonly types?: number
  readonly instantiationsOverBaseline?: number
  readonly checkMsOverBaseline?: number
}

/** The median it is compared with: the raw driver's, or for W1 and W8 (no raw driver) the fastest peer's. */
export function ratioOf(cell: Cell, cells: readonly Cell[]): number | undefined {
  if (cell.medianMs === undefined) return undefined
  const peers = cells.filter((other) => other.workload === cell.workload && other.db === cell.db && other.medianMs !== undefined)
  const base = cell.workload === 'W1' || cell.workload === 'W8' ? Math.min(...peers.map((other) => other.medianMs as number)) : peers.find((other) => other.library === 'raw')?.medianMs
  return base === undefined || !Number.isFinite(base) ? undefined : cell.medianMs / base
}

const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2))

/** A markdown table: one row per library, one column per workload, "median ms (×ratio)" in each cell. */
export function formatTable(cells: readonly Cell[], workloads: readonly WorkloadId[], titles: Readonly<Partial<Record<WorkloadId, string>>>): string {
  const libraries = [...new Map(cells.map((cell) => [cell.library, cell.label])).entries()]
  const footnotes: string[] = []
  const markOf = new Map<string, string>()
  const header = ['library', ...workloads]
  const rows = libraries.map(([library, label]) => [
    label,
    ...workloads.map((workload) => {
      const cell = cells.find((c) => c.library === library && c.workload === workload)
      if (cell === undefined) return '—'
      if (cell.error !== undefined) return 'failed'
      const ratio = ratioOf(cell, cells)
      let mark = ''
      if (cell.method !== undefined) {
        mark = markOf.get(cell.method) ?? ''
        if (!mark) {
          mark = `[${markOf.size + 1}]`
          markOf.set(cell.method, mark)
          footnotes.push(`${mark} ${cell.method}`)
        }
      }
      return `${formatMs(cell.medianMs as number)} ms${mark} (×${ratio === undefined ? '?' : ratio.toFixed(2)})`
    }),
  ])
  const widths = header.map((_, column) => Math.max(header[column].length, ...rows.map((row) => row[column].length)))
  const line = (row: readonly string[]): string => `| ${row.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join(' | ')} |`
  const legend = workloads.map((workload) => titles[workload] ?? workload)
  const errors = cells.filter((cell) => cell.error !== undefined).map((cell) => `${cell.label} ${cell.workload} failed: ${cell.error}`)
  return [
    line(header),
    `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
    ...legend,
    ...(footnotes.length > 0 ? ['', ...footnotes] : []),
    ...(errors.length > 0 ? ['', ...errors] : []),
  ].join('\n')
}

/** `--json out.json`: one record per (workload, library, db). */
export function writeJson(file: string, cells: readonly Cell[]): void {
  const records = cells.map((cell) => ({
    workload: cell.workload,
    library: cell.library,
    db: cell.db,
    median_ms: cell.medianMs === undefined ? null : Number(cell.medianMs.toFixed(3)),
    ratio_to_raw: ((ratio) => (ratio === undefined ? null : Number(ratio.toFixed(3))))(ratioOf(cell, cells)),
    label: cell.method ?? cell.label,
    rounds: cell.rounds,
    ...(cell.error !== undefined ? { error: cell.error } : {}),
    ...(cell.instantiations !== undefined ? { instantiations: cell.instantiations, types: cell.types, instantiations_over_baseline: cell.instantiationsOverBaseline, check_ms_over_baseline: cell.checkMsOverBaseline } : {}),
  }))
  writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`)
}
