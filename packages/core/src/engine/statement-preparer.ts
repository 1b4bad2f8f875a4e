import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { compileRowBuilder, type RowBuilder } from '../compiler/row-builder'
import { ArgumentError } from '../errors/argument-error'
import type { StatementNode } from '../nodes/node'
import type { ResultColumn } from '../nodes/result-column'
import { inferSqlType } from '../schema/sql-type'

/** What is reused across executions of statements with the same SQL: the row builder and flags. */
export interface StatementShape {
  readonly sql: string
  readonly resultColumns: readonly ResultColumn[] | undefined
  readonly keys: readonly string[]
  readonly buildRow: RowBuilder | undefined
  readonly readsBigIntegers: boolean
}

/** A statement ready to send: its SQL, its values, and the shape that reads its rows. */
export interface PreparedStatement {
  readonly compiled: CompiledQuery
  readonly shape: StatementShape
}

const MAX_SHAPES = 1000

/**
 * Compiles statements (the dialect's compiler finds a statement's compiled form by its shape) and
 * keeps one row builder per distinct SQL text (the SQL holds no values, so it identifies the
 * statement's shape). The cache is bounded.
 */
export class StatementPreparer {
  private readonly shapesBySql = new Map<string, StatementShape>()

  constructor(private readonly dialect: Dialect) {}

  prepare(node: StatementNode): PreparedStatement {
    const compiled = this.dialect.compile(node)
    let shape = this.shapesBySql.get(compiled.sql)
    if (shape === undefined || !sameColumns(shape.resultColumns, compiled.resultColumns)) {
      shape = this.createShape(compiled)
      if (this.shapesBySql.size >= MAX_SHAPES) this.shapesBySql.delete(this.shapesBySql.keys().next().value as string)
      this.shapesBySql.set(compiled.sql, shape)
    }
    return { compiled, shape }
  }

  /** The parameter list for the driver, with named parameters filled from `values`. */
  bind(compiled: CompiledQuery, values: Readonly<Record<string, unknown>> | undefined): readonly unknown[] {
    if (compiled.parameterSlots.length === 0) return compiled.params
    const params = [...compiled.params]
    for (const slot of compiled.parameterSlots) {
      if (values === undefined || !(slot.name in values)) throw ArgumentError.missingParameter(slot.name, compiled.sql)
      const value = values[slot.name]
      const type = slot.type ?? inferSqlType(value)
      const processor = type && value !== null && value !== undefined ? this.dialect.bindProcessor(type) : undefined
      params[slot.index] = processor ? processor(value) : (value ?? null)
    }
    return params
  }

  private createShape(compiled: CompiledQuery): StatementShape {
    const columns = compiled.resultColumns
    if (columns === undefined) return { sql: compiled.sql, resultColumns: undefined, keys: [], buildRow: undefined, readsBigIntegers: false }
    const readsBigIntegers = columns.some((c) => c.type?.name === 'bigint' && c.type.mode !== 'number')
    const processors = columns.map((c) => this.dialect.resultProcessor(c.type, { readsBigIntegers }))
    const keys = columns.map((c) => c.key)
    return { sql: compiled.sql, resultColumns: columns, keys, buildRow: compileRowBuilder(keys, processors), readsBigIntegers }
  }
}

function sameColumns(a: readonly ResultColumn[] | undefined, b: readonly ResultColumn[] | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined || a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) {
    if (a[index].key !== b[index].key || a[index].type !== b[index].type) return false
  }
  return true
}
