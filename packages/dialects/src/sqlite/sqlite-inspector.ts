import { rawSqlNode, sqlType, tableNode } from '@athanor/core'
import type { CatalogQuery, CheckSchema, ColumnSchema, ForeignKeySchema, IndexSchema, Inspector, ReferentialAction, SqlType, TableSchema, UniqueSchema } from '@athanor/core'

/**
 * Reads SQLite's schema from sqlite_master and the table-valued pragma functions.
 * https://www.sqlite.org/pragma.html#pragfunc
 *
 * @example
 * const inspector = new SqliteInspector(query)
 * const posts = await inspector.reflectTable('posts')
 */
export class SqliteInspector implements Inspector {
  constructor(private readonly query: CatalogQuery) {}

  /** Tables of the main database, without SQLite's own `sqlite_*` tables. */
  async tableNames(): Promise<string[]> {
    const rows = await this.query("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")
    return rows.map((row) => String(row.name))
  }

  /** One table: columns, keys, uniques, indexes and checks. */
  async reflectTable(name: string): Promise<TableSchema> {
    const columnRows = await this.query('select name, type, "notnull" as not_null, dflt_value, pk from pragma_table_info(:name) order by cid', { name })
    const primaryKey = columnRows.filter((row) => Number(row.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((row) => String(row.name))
    const columns: ColumnSchema[] = columnRows.map((row) => {
      const type = parseSqliteType(String(row.type ?? ''))
      // A lone INTEGER PRIMARY KEY is the rowid alias: it numbers itself.
      // https://www.sqlite.org/lang_createtable.html#rowid
      const isAutoincrement = primaryKey.length === 1 && primaryKey[0] === row.name && String(row.type).toLowerCase() === 'integer'
      return {
        name: String(row.name),
        type,
        isNullable: Number(row.not_null) === 0 && Number(row.pk) === 0,
        isAutoincrement,
        serverDefault: row.dflt_value === null || row.dflt_value === undefined ? undefined : rawSqlNode([String(row.dflt_value)], []),
      }
    })
    const createSql = await this.createSql(name)
    const [foreignKeys, { uniques, indexes }] = await Promise.all([this.foreignKeys(name), this.indexes(name)])
    // The pragmas lose constraint names; the CREATE TABLE text keeps those that were given.
    const names = parseConstraintNames(createSql)
    const nameOf = (type: 'foreign key' | 'unique', columns: readonly string[]) => names.find((named) => named.type === type && named.columns.join(',') === columns.join(','))?.name
    return Object.freeze({
      table: tableNode(name),
      columns,
      primaryKey,
      foreignKeys: foreignKeys.map((foreignKey) => ({ ...foreignKey, name: nameOf('foreign key', foreignKey.columns) })),
      uniques: uniques.map((unique) => ({ ...unique, name: nameOf('unique', unique.columns) })),
      checks: parseChecks(createSql),
      indexes,
    })
  }

  private async foreignKeys(table: string): Promise<ForeignKeySchema[]> {
    const rows = await this.query('select id, seq, "table" as referenced, "from" as source, "to" as target, on_update, on_delete from pragma_foreign_key_list(:table) order by id, seq', { table })
    const byId = new Map<number, ForeignKeySchema & { columns: string[]; referencedColumns: string[] }>()
    for (const row of rows) {
      const id = Number(row.id)
      let foreignKey = byId.get(id)
      if (!foreignKey) {
        // SQLite keeps no constraint names in its pragmas, so reflected foreign keys are unnamed.
        foreignKey = { name: undefined, columns: [], referencedTable: tableNode(String(row.referenced)), referencedColumns: [], onDelete: referentialAction(row.on_delete), onUpdate: referentialAction(row.on_update) }
        byId.set(id, foreignKey)
      }
      foreignKey.columns.push(String(row.source))
      foreignKey.referencedColumns.push(String(row.target))
    }
    return [...byId.values()]
  }

  private async indexes(table: string): Promise<{ uniques: UniqueSchema[]; indexes: IndexSchema[] }> {
    const list = await this.query('select name, "unique" as is_unique, origin from pragma_index_list(:table) order by name', { table })
    const uniques: UniqueSchema[] = []
    const indexes: IndexSchema[] = []
    for (const row of list) {
      if (row.origin === 'pk') continue
      const columns = (await this.query('select name from pragma_index_info(:index) order by seqno', { index: row.name })).map((c) => String(c.name))
      // origin 'u' is a UNIQUE constraint; its index is named sqlite_autoindex_*, the constraint name is lost.
      if (row.origin === 'u') uniques.push({ name: undefined, columns })
      else indexes.push({ name: String(row.name), columns, isUnique: Number(row.is_unique) === 1 })
    }
    return { uniques, indexes }
  }

  // SQLite has no catalog of checks or constraint names; they are read back from the CREATE TABLE text it keeps.
  private async createSql(table: string): Promise<string> {
    const rows = await this.query("select sql from sqlite_master where type = 'table' and name = :table", { table })
    return rows.length === 0 ? '' : String(rows[0].sql)
  }
}

function referentialAction(value: unknown): ReferentialAction | undefined {
  const action = String(value ?? '').toLowerCase()
  return action === '' || action === 'no action' ? undefined : (action as ReferentialAction)
}

/** Maps a declared SQLite type (kept verbatim by SQLite) back to Athanor's type. */
export function parseSqliteType(declared: string): SqlType {
  const text = declared.trim().toLowerCase()
  const args = /\(([^)]*)\)/.exec(text)?.[1]?.split(',').map((part) => Number(part.trim()))
  const base = text.replace(/\(.*$/, '').trim()
  switch (base) {
    case 'integer':
    case 'int':
      return sqlType('integer')
    case 'bigint':
      return sqlType('bigint', { mode: 'bigint' })
    case 'smallint':
      return sqlType('smallint')
    case 'real':
    case 'double':
    case 'double precision':
    case 'float':
      return sqlType('double')
    case 'numeric':
    case 'decimal':
      return sqlType('numeric', { precision: args?.[0], scale: args?.[1], mode: 'string' })
    case 'varchar':
    case 'character varying':
      return sqlType('varchar', { length: args?.[0] })
    case 'char':
      return args?.[0] === 36 ? sqlType('uuid') : sqlType('varchar', { length: args?.[0] })
    case 'boolean':
      return sqlType('boolean')
    case 'date':
      return sqlType('date')
    case 'timestamp':
    case 'datetime':
      return sqlType('timestamp', { withTimezone: false })
    case 'time':
      return sqlType('time')
    case 'blob':
    case '':
      return sqlType('blob')
    default:
      return sqlType('text')
  }
}

const IDENTIFIER = String.raw`"(?:[^"]|"")*"|\`[^\`]*\`|\[[^\]]*\]|\w+`

function unquote(identifier: string): string {
  return identifier.replace(/^["`[]|["`\]]$/g, '').replace(/""/g, '"')
}

/** Finds `constraint "name" foreign key (…)` and `constraint "name" unique (…)` clauses in CREATE TABLE text. */
export function parseConstraintNames(createSql: string): { readonly type: 'foreign key' | 'unique'; readonly name: string; readonly columns: string[] }[] {
  const pattern = new RegExp(String.raw`constraint\s+(${IDENTIFIER})\s+(foreign\s+key|unique)\s*\(([^)]*)\)`, 'gi')
  return [...createSql.matchAll(pattern)].map((match) => ({
    type: /^foreign/i.test(match[2]) ? 'foreign key' : 'unique',
    name: unquote(match[1]),
    columns: (match[3].match(new RegExp(IDENTIFIER, 'g')) ?? []).map(unquote),
  }))
}

/** Finds `[constraint "name"] check (…)` clauses in CREATE TABLE text, skipping quoted strings. */
export function parseChecks(createSql: string): CheckSchema[] {
  const checks: CheckSchema[] = []
  const pattern = /(?:constraint\s+("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|\w+)\s+)?check\s*\(/gi
  let match: RegExpExecArray | null
  while ((match = pattern.exec(createSql)) !== null) {
    const start = match.index + match[0].length
    let depth = 1
    let position = start
    let quote: string | undefined
    for (; position < createSql.length && depth > 0; position++) {
      const character = createSql[position]
      if (quote) {
        if (character === quote) quote = undefined
      } else if (character === "'" || character === '"') quote = character
      else if (character === '(') depth++
      else if (character === ')') depth--
    }
    const rawName = match[1]
    const name = rawName === undefined ? undefined : rawName.replace(/^["`[]|["`\]]$/g, '').replace(/""/g, '"')
    checks.push({ name, condition: rawSqlNode([createSql.slice(start, position - 1)], []) })
    pattern.lastIndex = position
  }
  return checks
}
