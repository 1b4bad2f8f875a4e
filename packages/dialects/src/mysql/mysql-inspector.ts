import { rawSqlNode, sqlType, tableNode } from '@athanor/core'
import type { CatalogQuery, CheckSchema, ColumnSchema, ForeignKeySchema, IndexSchema, Inspector, ReferentialAction, SqlType, TableSchema, UniqueSchema } from '@athanor/core'

/**
 * Reads MySQL's and MariaDB's schema from information_schema, for the connection's current database.
 *
 * @example
 * const inspector = new MysqlInspector(query)
 * const posts = await inspector.reflectTable('posts')
 */
export class MysqlInspector implements Inspector {
  constructor(private readonly query: CatalogQuery) {}

  /** Base tables of the current database. */
  async tableNames(): Promise<string[]> {
    const rows = await this.query("select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name")
    return rows.map((row) => String(row.name))
  }

  /** One table: columns, keys, uniques, indexes and checks. */
  async reflectTable(name: string): Promise<TableSchema> {
    const params = { table: name }
    const columnRows = await this.query(
      `select column_name as name, column_type as type, is_nullable as nullable, column_default as default_sql, extra
         from information_schema.columns where table_schema = database() and table_name = :table order by ordinal_position`,
      params,
    )
    const keyRows = await this.query(
      `select k.constraint_name as name, t.constraint_type as type, k.column_name as column_name, k.referenced_table_name as referenced_table,
              k.referenced_column_name as referenced_column, r.delete_rule as on_delete, r.update_rule as on_update
         from information_schema.key_column_usage k
         join information_schema.table_constraints t
           on t.constraint_schema = k.constraint_schema and t.table_name = k.table_name and t.constraint_name = k.constraint_name
         left join information_schema.referential_constraints r
           on r.constraint_schema = k.constraint_schema and r.table_name = k.table_name and r.constraint_name = k.constraint_name
        where k.table_schema = database() and k.table_name = :table
        order by k.constraint_name, k.ordinal_position`,
      params,
    )
    const indexRows = await this.query(
      `select index_name as name, non_unique, column_name as column_name from information_schema.statistics
        where table_schema = database() and table_name = :table order by index_name, seq_in_index`,
      params,
    )
    const checkRows = await this.query(
      `select constraint_name as name, check_clause as clause from information_schema.check_constraints
        where constraint_schema = database() and table_name = :table order by constraint_name`,
      params,
    )
    // MariaDB's JSON is LONGTEXT plus a CHECK (json_valid(col)) named after the column.
    // https://mariadb.com/kb/en/json-data-type/
    const jsonColumns = new Set(checkRows.filter((row) => /^json_valid\(`[^`]+`\)$/i.test(String(row.clause))).map((row) => String(row.name)))
    const columns: ColumnSchema[] = columnRows.map((row) => ({
      name: String(row.name),
      type: jsonColumns.has(String(row.name)) ? sqlType('json') : parseMysqlType(String(row.type)),
      isNullable: row.nullable === 'YES',
      isAutoincrement: /auto_increment/i.test(String(row.extra ?? '')),
      serverDefault: serverDefault(row.default_sql),
    }))
    const primaryKey: string[] = []
    const foreignKeysByName = new Map<string, ForeignKeySchema & { columns: string[]; referencedColumns: string[] }>()
    const uniquesByName = new Map<string, { name: string; columns: string[] }>()
    for (const row of keyRows) {
      const constraint = String(row.name)
      if (row.type === 'PRIMARY KEY') primaryKey.push(String(row.column_name))
      else if (row.type === 'UNIQUE') {
        const unique = uniquesByName.get(constraint) ?? { name: constraint, columns: [] }
        unique.columns.push(String(row.column_name))
        uniquesByName.set(constraint, unique)
      } else if (row.type === 'FOREIGN KEY') {
        const foreignKey = foreignKeysByName.get(constraint) ?? {
          name: constraint,
          columns: [],
          referencedTable: tableNode(String(row.referenced_table)),
          referencedColumns: [],
          onDelete: referentialAction(row.on_delete),
          onUpdate: referentialAction(row.on_update),
        }
        foreignKey.columns.push(String(row.column_name))
        foreignKey.referencedColumns.push(String(row.referenced_column))
        foreignKeysByName.set(constraint, foreignKey)
      }
    }
    // Every key has an index of the same name (InnoDB adds one per foreign key); only the rest are indexes.
    const constraintNames = new Set(['PRIMARY', ...uniquesByName.keys(), ...foreignKeysByName.keys()])
    const indexesByName = new Map<string, IndexSchema & { columns: string[] }>()
    for (const row of indexRows) {
      const indexName = String(row.name)
      if (constraintNames.has(indexName)) continue
      const index = indexesByName.get(indexName) ?? { name: indexName, columns: [], isUnique: Number(row.non_unique) === 0 }
      index.columns.push(String(row.column_name))
      indexesByName.set(indexName, index)
    }
    // An unnamed foreign key gets an index named after its first column: InnoDB's, not the user's.
    // https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html
    for (const foreignKey of foreignKeysByName.values()) {
      const implicit = indexesByName.get(foreignKey.columns[0])
      if (implicit && !implicit.isUnique && implicit.columns.join(',') === foreignKey.columns.join(',')) indexesByName.delete(foreignKey.columns[0])
    }
    const checks: CheckSchema[] = checkRows
      .filter((row) => !jsonColumns.has(String(row.name)))
      .map((row) => ({ name: String(row.name), condition: rawSqlNode([String(row.clause)], []) }))
    return Object.freeze({
      table: tableNode(name),
      columns,
      primaryKey,
      foreignKeys: [...foreignKeysByName.values()],
      uniques: [...uniquesByName.values()],
      checks,
      indexes: [...indexesByName.values()],
    })
  }
}

// MariaDB (10.2.7+) reports defaults as SQL, with the literal NULL for "no default";
// MySQL reports the bare value. https://mariadb.com/kb/en/information-schema-columns-table/
function serverDefault(value: unknown): ReturnType<typeof rawSqlNode> | undefined {
  if (value === null || value === undefined || value === 'NULL') return undefined
  return rawSqlNode([String(value)], [])
}

// InnoDB treats NO ACTION as RESTRICT, and reports one or the other for an unspecified action.
function referentialAction(rule: unknown): ReferentialAction | undefined {
  const action = String(rule ?? '').toLowerCase()
  return action === '' || action === 'no action' || action === 'restrict' ? undefined : (action as ReferentialAction)
}

/** Maps information_schema.columns.column_type (`int(11)`, `tinyint(1)`, `decimal(10,2)`, …) to Athanor's type. */
export function parseMysqlType(columnType: string): SqlType {
  const text = columnType.toLowerCase()
  const inner = /\((.*)\)/.exec(text)?.[1]
  const args = inner?.split(',').map((part) => Number(part.trim()))
  const base = text.replace(/\(.*$/, '').replace(/\s+unsigned.*$/, '').trim()
  switch (base) {
    case 'int':
    case 'integer':
    case 'mediumint':
      return sqlType('integer')
    case 'bigint':
      return sqlType('bigint', { mode: 'bigint' })
    case 'smallint':
      return sqlType('smallint')
    // BOOLEAN is a synonym for TINYINT(1). https://dev.mysql.com/doc/refman/8.0/en/numeric-type-syntax.html
    case 'tinyint':
      return args?.[0] === 1 ? sqlType('boolean') : sqlType('smallint')
    case 'float':
      return sqlType('real')
    case 'double':
      return sqlType('double')
    case 'decimal':
    case 'numeric':
      return sqlType('numeric', { precision: args?.[0], scale: args?.[1], mode: 'string' })
    case 'varchar':
      return sqlType('varchar', { length: args?.[0] })
    case 'char':
      return args?.[0] === 36 ? sqlType('uuid') : sqlType('varchar', { length: args?.[0] })
    case 'date':
      return sqlType('date')
    case 'datetime':
    case 'timestamp':
      return sqlType('timestamp', { withTimezone: false })
    case 'time':
      return sqlType('time')
    case 'json':
      return sqlType('json')
    case 'blob':
    case 'longblob':
    case 'mediumblob':
    case 'tinyblob':
    case 'varbinary':
    case 'binary':
      return sqlType('blob')
    case 'enum':
      return sqlType('enum', { values: [...(inner ?? '').matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1].replace(/''/g, "'")) })
    default:
      return sqlType('text')
  }
}
