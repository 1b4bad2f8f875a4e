import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { parameterNode } from '../nodes/parameter-node'
import { type TextNode, textNode } from '../nodes/text-node'
import type { ColumnBuilder } from '../schema/column-builder'
import { type ColumnOptions, textColumn } from '../schema/column-types'
import type { Executable } from './executable'

/** A statement written as SQL text with `:name` parameters. */
export class Text<Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(readonly node: TextNode) {}

  /** Compiles for a dialect; named parameters become the dialect's placeholders. */
  compile(dialect: Dialect): CompiledQuery {
    return dialect.compile(this.node)
  }
}

/**
 * SQL text with named parameters, on any dialect:
 * `text("SELECT * FROM users WHERE name = :name")`, executed with `{ name: "ada" }`.
 * Rows are keyed by the SQL column names; give `Row` to type them. `::` (a PostgreSQL cast) and
 * colons inside quotes or comments are left alone; write `\\:` for a literal colon.
 */
export function text<Row = Record<string, unknown>>(sql: string): Text<NoInfer<Row>>
/** With no SQL string, `text()` is the unbounded text column type: `body: text().notNull()`. */
export function text(options?: ColumnOptions): ColumnBuilder<string>
export function text<Row>(input?: string | ColumnOptions): Text<Row> | ColumnBuilder<string> {
  return typeof input === 'string' ? parseText<Row>(input) : textColumn(input)
}

function parseText<Row>(sql: string): Text<Row> {
  const parts: string[] = []
  const names: string[] = []
  let current = ''
  let index = 0
  while (index < sql.length) {
    const char = sql[index]
    if (char === "'" || char === '"' || char === '`') {
      const end = findClosingQuote(sql, index, char)
      current += sql.slice(index, end)
      index = end
    } else if (char === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index)
      const stop = end === -1 ? sql.length : end
      current += sql.slice(index, stop)
      index = stop
    } else if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2)
      const stop = end === -1 ? sql.length : end + 2
      current += sql.slice(index, stop)
      index = stop
    } else if (char === '\\' && sql[index + 1] === ':') {
      current += ':'
      index += 2
    } else if (char === ':' && sql[index + 1] === ':') {
      current += '::'
      index += 2
    } else if (char === ':' && /[A-Za-z_]/.test(sql[index + 1] ?? '')) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(index + 1)) as RegExpExecArray
      parts.push(current)
      names.push(match[0])
      current = ''
      index += 1 + match[0].length
    } else {
      current += char
      index += 1
    }
  }
  parts.push(current)
  return new Text<Row>(textNode(parts, names.map((name) => parameterNode(name))))
}

// Returns the index just past the closing quote; a doubled quote is an escaped quote.
function findClosingQuote(sql: string, start: number, quote: string): number {
  let index = start + 1
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2
      else return index + 1
    } else index += 1
  }
  return sql.length
}
