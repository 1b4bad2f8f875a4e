import { rawSqlNode, sqlType, tableNode } from '@athanor/core'
import type { CatalogQuery, CheckSchema, ColumnSchema, ForeignKeySchema, IndexSchema, Inspector, ReferentialAction, SqlType, TableSchema, UniqueSchema } from '@athanor/core'

// The table's oid in the current schema; a subquery rather than ::regclass so that names need no quoting.
const TABLE_OID = '(select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = :table and n.nspname = current_schema())'

// Column names of a constraint or index, in key order; json_agg because pg parses json but not name[].
const columnsOf = (relation: string, keys: string): string =>
  `(select json_agg(a.attname::text order by k.ord) from unnest(${keys}) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = ${relation} and a.attnum = k.attnum)`

/**
 * Reads PostgreSQL's schema from pg_catalog (information_schema hides constraints of tables the
 * user does not own, and spells types less precisely than format_type).
 *
 * @example
 * const inspector = new PostgresInspector(query)
 * const posts = await inspector.reflectTable('posts')
 */
export class PostgresInspector implements Inspector {
  constructor(private readonly query: CatalogQuery) {}

  /** Ordinary and partitioned tables of the current schema. */
  async tableNames(): Promise<string[]> {
    const rows = await this.query("select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname")
    return rows.map((row) => String(row.name))
  }

  /** One table: columns, keys, uniques, indexes and checks. */
  async reflectTable(name: string): Promise<TableSchema> {
    const params = { table: name }
    const columnRows = await this.query(
      `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
              pg_get_expr(d.adbin, d.adrelid) as default_sql, a.attidentity::text as identity
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = ${TABLE_OID} and a.attnum > 0 and not a.attisdropped order by a.attnum`,
      params,
    )
    const constraintRows = await this.query(
      `select con.conname::text as name, con.contype::text as type, ${columnsOf('con.conrelid', 'con.conkey')} as columns,
              (select relname::text from pg_class where oid = con.confrelid) as referenced_table,
              ${columnsOf('con.confrelid', 'con.confkey')} as referenced_columns,
              con.confdeltype::text as on_delete, con.confupdtype::text as on_update, pg_get_constraintdef(con.oid) as definition
         from pg_constraint con where con.conrelid = ${TABLE_OID} order by con.conname`,
      params,
    )
    // Indexes that back a constraint (primary key, unique) are reported as that constraint only.
    const indexRows = await this.query(
      `select i.relname::text as name, ix.indisunique as is_unique, ${columnsOf('ix.indrelid', 'ix.indkey::int2[]')} as columns
         from pg_index ix join pg_class i on i.oid = ix.indexrelid
        where ix.indrelid = ${TABLE_OID} and not exists (select 1 from pg_constraint con where con.conindid = ix.indexrelid)
        order by i.relname`,
      params,
    )
    const columns: ColumnSchema[] = columnRows.map((row) => {
      const defaultSql = row.default_sql === null || row.default_sql === undefined ? undefined : String(row.default_sql)
      // Identity columns, and serial columns (a nextval default), are autoincrement keys.
      const isAutoincrement = (row.identity !== '' && row.identity !== null && row.identity !== undefined) || (defaultSql?.startsWith('nextval(') ?? false)
      return {
        name: String(row.name),
        type: parsePostgresType(String(row.type)),
        isNullable: !row.not_null,
        isAutoincrement,
        serverDefault: defaultSql === undefined || isAutoincrement ? undefined : rawSqlNode([withoutLiteralCast(defaultSql)], []),
      }
    })
    const primaryKey: string[] = []
    const foreignKeys: ForeignKeySchema[] = []
    const uniques: UniqueSchema[] = []
    const checks: CheckSchema[] = []
    for (const row of constraintRows) {
      const names = (row.columns ?? []) as string[]
      if (row.type === 'p') primaryKey.push(...names)
      else if (row.type === 'u') uniques.push({ name: String(row.name), columns: names })
      else if (row.type === 'f') {
        foreignKeys.push({
          name: String(row.name),
          columns: names,
          referencedTable: tableNode(String(row.referenced_table)),
          referencedColumns: (row.referenced_columns ?? []) as string[],
          onDelete: referentialAction(row.on_delete),
          onUpdate: referentialAction(row.on_update),
        })
      } else if (row.type === 'c') {
        checks.push({ name: String(row.name), condition: rawSqlNode([stripCheck(String(row.definition))], []) })
      }
    }
    const indexes: IndexSchema[] = indexRows.map((row) => ({ name: String(row.name), columns: (row.columns ?? []) as string[], isUnique: Boolean(row.is_unique) }))
    return Object.freeze({ table: tableNode(name), columns, primaryKey, foreignKeys, uniques, checks, indexes })
  }
}

// pg_constraint.confdeltype codes. https://www.postgresql.org/docs/current/catalog-pg-constraint.html
const ACTIONS: Record<string, ReferentialAction | undefined> = { a: undefined, r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

function referentialAction(code: unknown): ReferentialAction | undefined {
  return ACTIONS[String(code)]
}

// PostgreSQL stores a literal default with its cast (`'draft'::character varying`, `'-5'::integer`);
// the literal alone is what the DDL compiler writes, and what autogenerate compares.
function withoutLiteralCast(defaultSql: string): string {
  const match = /^('(?:[^']|'')*'|-?\d+(?:\.\d+)?)::[a-z][a-z ]*(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?$/i.exec(defaultSql)
  return match ? match[1] : defaultSql
}

// pg_get_constraintdef spells a check as `CHECK ((condition))`; keep the condition alone.
function stripCheck(definition: string): string {
  const match = /^CHECK \((.*)\)(\s+NOT VALID)?$/s.exec(definition)
  return match ? match[1] : definition
}

/** Maps format_type's spelling (`character varying(50)`, `numeric(10,2)`, …) to Athanor's type. */
export function parsePostgresType(formatted: string): SqlType {
  const args = /\(([^)]*)\)/.exec(formatted)?.[1]?.split(',').map((part) => Number(part.trim()))
  const base = formatted.replace(/\([^)]*\)/, '').trim()
  switch (base) {
    case 'integer':
      return sqlType('integer')
    case 'bigint':
      return sqlType('bigint', { mode: 'bigint' })
    case 'smallint':
      return sqlType('smallint')
    case 'real':
      return sqlType('real')
    case 'double precision':
      return sqlType('double')
    case 'numeric':
      return sqlType('numeric', { precision: args?.[0], scale: args?.[1], mode: 'string' })
    case 'character varying':
      return sqlType('varchar', { length: args?.[0] })
    case 'boolean':
      return sqlType('boolean')
    case 'date':
      return sqlType('date')
    case 'timestamp without time zone':
      return sqlType('timestamp', { withTimezone: false })
    case 'timestamp with time zone':
      return sqlType('timestamp', { withTimezone: true })
    case 'time without time zone':
      return sqlType('time')
    case 'time with time zone':
      return sqlType('time', { withTimezone: true })
    case 'json':
      return sqlType('json')
    case 'jsonb':
      return sqlType('jsonb')
    case 'uuid':
      return sqlType('uuid')
    case 'bytea':
      return sqlType('blob')
    default:
      return sqlType('text')
  }
}
