import type { TableSchema } from './table-schema'

/** Runs one read-only catalog query with named parameters and returns its rows keyed by SQL column name. */
export type CatalogQuery = (sql: string, params?: Readonly<Record<string, unknown>>) => Promise<readonly Record<string, unknown>[]>

/**
 * Reads a live database's schema. Each dialect implements it over its own catalog
 * (sqlite_master and pragmas, pg_catalog, information_schema); migrations build MetaData from it.
 *
 * @example
 * const inspector = dialect.createInspector?.((sql, params) => connection.execute(text(sql), params).then((r) => r.all()))
 * const names = await inspector.tableNames()
 */
export interface Inspector {
  /** Base tables of the current schema/database, sorted by name. */
  tableNames(): Promise<string[]>
  /**
   * One table as the DDL compiler would read it. Types are normalised to Athanor's type names;
   * server defaults and checks come back as raw SQL fragments.
   */
  reflectTable(name: string): Promise<TableSchema>
}
