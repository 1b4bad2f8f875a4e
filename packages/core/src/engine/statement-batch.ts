import { splitInsert } from '../compiler/insert-batches'
import type { StatementNode } from '../nodes/node'
import type { Executable } from '../statements/executable'
import { Result } from './result'

/** Values for the named parameters of one execution (`text()` `:name`, `bindParam("name")`). */
export type ParameterSet = Readonly<Record<string, unknown>>

/** One execution of a batch: a statement and the parameter values it runs with. */
export interface BatchStep {
  readonly statement: Executable<unknown>
  readonly params: ParameterSet | undefined
}

/** True for `execute(statement, [{ … }, { … }])`, the executemany form. */
export function isParameterList(params: ParameterSet | readonly ParameterSet[] | undefined): params is readonly ParameterSet[] {
  return Array.isArray(params)
}

/**
 * The executions one `execute` call makes: for each parameter set (one, or a list for
 * executemany), each INSERT of a statement split to stay under the driver's parameter limit.
 * The split statements are made once and shared by every parameter set, so each is compiled once
 * and its SQL text, prepared by the driver once, is reused.
 */
export function planBatch(statement: Executable<unknown>, params: ParameterSet | readonly ParameterSet[] | undefined, maxParameters: number): BatchStep[] {
  const node = statement.node
  const parts = node.kind === 'InsertNode' ? splitInsert(node, maxParameters) : [node]
  const statements = parts.length === 1 ? [statement] : parts.map(executableOf)
  const parameterSets = isParameterList(params) ? params : [params]
  return parameterSets.flatMap((set) => statements.map((part) => ({ statement: part, params: set })))
}

/**
 * Runs the steps in order as if they were one statement: rows concatenated, `rowCount` summed.
 * `insertId` is left out when several statements ran, since no single id describes them.
 */
export async function runBatch<Row>(steps: readonly BatchStep[], execute: (step: BatchStep) => Promise<Result<Row>>): Promise<Result<Row>> {
  const results: Result<Row>[] = []
  for (const step of steps) results.push(await execute(step))
  if (results.length === 1) return results[0]
  const rows: Row[] = []
  for (const result of results) for (const row of result.all()) rows.push(row)
  const rowCount = results.reduce((sum, result) => sum + result.rowCount, 0)
  // text() results take their keys from their rows, so a step that returned none has none.
  const keys = results.find((result) => result.keys.length > 0)?.keys ?? []
  return new Result(rows, rowCount, keys, undefined)
}

function executableOf(node: StatementNode): Executable<unknown> {
  return { node, compile: (dialect) => dialect.compile(node) }
}
