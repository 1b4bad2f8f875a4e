import { addColumnNode, type ColumnSchema, type Dialect, tableNode } from '@athanor/core'

/**
 * Whether a model column's server default and a reflected one are the same, compared as SQL text:
 * the model's as the dialect's DDL compiler writes it, the database's as its inspector reports it.
 * Both are normalised first (see `normaliseDefault`), so that spellings a database rewrites
 * (`(42)` → `42`, `'1.50'` → `1.50`, `CURRENT_TIMESTAMP` → `current_timestamp(3)`) compare equal.
 *
 * @example
 * if (!isSameDefault(dialect, modelColumn, liveColumn)) script.step(alterDefault, revertDefault)
 */
export function isSameDefault(dialect: Dialect, model: ColumnSchema, live: ColumnSchema): boolean {
  const modelSql = defaultSql(dialect, model)
  const liveSql = live.serverDefault?.kind === 'RawSqlNode' ? live.serverDefault.parts.join('') : defaultSql(dialect, live)
  if (modelSql === undefined || liveSql === undefined) return modelSql === liveSql
  return normaliseDefault(modelSql) === normaliseDefault(liveSql)
}

/** The default clause's expression as the dialect writes it in ADD COLUMN; undefined when none. */
export function defaultSql(dialect: Dialect, column: ColumnSchema): string | undefined {
  if (!column.serverDefault) return undefined
  const sql = dialect.compile(addColumnNode(tableNode('t'), { ...column, name: 'c', isNullable: true, isAutoincrement: false })).sql
  const start = sql.indexOf(' default ')
  // An enum column may be followed by its CHECK; the default comes before it.
  return start < 0 ? undefined : sql.slice(start + ' default '.length).replace(/\s+check\s*\(.*$/is, '')
}

/**
 * A canonical spelling of a default expression: outer parentheses removed, lower case outside
 * string literals, numbers unquoted, booleans as 1/0 (MySQL and SQLite store them so), and every
 * "now" (`now()`, `current_timestamp`, `current_timestamp(3)`) as `current_timestamp`.
 */
export function normaliseDefault(sql: string): string {
  let text = sql.trim()
  while (isWrappedInParentheses(text)) text = text.slice(1, -1).trim()
  text = text.replace(/('(?:[^']|'')*')|[^']+/g, (part, literal: string | undefined) => (literal ? literal : part.toLowerCase()))
  const quotedNumber = /^'(-?\d+(?:\.\d+)?)'$/.exec(text)
  if (quotedNumber) text = quotedNumber[1]
  if (text === 'true') return '1'
  if (text === 'false') return '0'
  return text.replace(/\bcurrent_timestamp(?:\s*\(\s*\d*\s*\))?|\bnow\(\s*\)/g, 'current_timestamp')
}

function isWrappedInParentheses(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false
  let depth = 0
  let quote = false
  for (let index = 0; index < text.length; index++) {
    const character = text[index]
    if (character === "'") quote = !quote
    else if (!quote && character === '(') depth++
    else if (!quote && character === ')') {
      depth--
      // Closed before the end: `(a) + (b)` is not one parenthesised expression.
      if (depth === 0 && index < text.length - 1) return false
    }
  }
  return depth === 0
}
