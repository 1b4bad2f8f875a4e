import {
  addColumnNode,
  alterColumnNode,
  type ColumnSchema,
  type Connection,
  createIndexNode,
  createTableNode,
  type Dialect,
  dropColumnNode,
  dropIndexNode,
  dropTableNode,
  MetaData,
  renameColumnNode,
  renameTableNode,
  type StatementNode,
  type TableConstraint,
  type TableSchema,
  tableNode,
  text,
  UnsupportedFeatureError,
  integer,
} from '@athanor/core'
import { MigrateError } from '../migrate-error'
import { rebuildTable } from './rebuild-table'

/** Where compiled statements go: executed on a connection, or collected as SQL text (`athanor migrate sql`). */
export interface StatementSink {
  readonly dialect: Dialect
  run(node: StatementNode): Promise<void>
  /** Raw SQL for data migrations. */
  runSql(sql: string): Promise<void>
  /** The live table definition, for SQLite's table rebuild; undefined when offline. */
  reflectTable(name: string): Promise<TableSchema | undefined>
}

/** What `alterColumn` may change; omitted fields stay as they are. */
export interface ColumnChanges {
  readonly type?: ColumnSchema['type']
  readonly isNullable?: boolean
  /** A new server default, or null to drop it. */
  readonly serverDefault?: ColumnSchema['serverDefault'] | null
  readonly newName?: string
}

/**
 * A reference to a column of a table by name, for foreign keys in migrations (which must not import models).
 *
 * @example
 * op.createTable('posts', { id: integer().primaryKey(), authorId: integer().references(ref('users', 'id')) })
 */
export function ref(table: string, column: string): () => ReturnType<typeof referenceColumn> {
  return () => referenceColumn(table, column)
}

function referenceColumn(table: string, column: string) {
  return new MetaData().table(table, { [column]: integer({ name: column }) }).c[column]
}

/**
 * The operations a migration's `up` and `down` call: each compiles to the dialect's DDL and runs
 * in the migration's transaction.
 *
 * @example
 * export async function up(op: Operations) {
 *   await op.addColumn('posts', 'summary', varchar(200))
 *   await op.createIndex('ix_posts_summary', 'posts', ['summary'])
 * }
 */
export class Operations {
  constructor(private readonly sink: StatementSink) {}

  /** A column of another table by name, for `.references(op.ref('users', 'id'))` (same as the `ref` export). */
  ref(table: string, column: string): () => ReturnType<typeof referenceColumn> {
    return ref(table, column)
  }

  /** CREATE TABLE (and its indexes), with columns and constraints written as in `metadata.table`. */
  async createTable(name: string, columns: TableColumns, constraints?: (c: Record<string, never>) => TableConstraint[]): Promise<void> {
    const table = new MetaData().table(name, columns as never, constraints as never)
    await this.createTableFromSchema(table.toSchema())
  }

  /** CREATE TABLE from a resolved definition (as reflection and autogenerate produce it). */
  async createTableFromSchema(schema: TableSchema): Promise<void> {
    await this.sink.run(createTableNode(schema, false))
    for (const definition of schema.indexes) await this.sink.run(createIndexNode(schema.table, definition, false))
  }

  /** DROP TABLE. */
  async dropTable(name: string): Promise<void> {
    await this.sink.run(dropTableNode(tableNode(name), false))
  }

  /** ALTER TABLE … RENAME TO. */
  async renameTable(name: string, newName: string): Promise<void> {
    await this.sink.run(renameTableNode(tableNode(name), newName))
  }

  /** ALTER TABLE … ADD COLUMN; `name` is the SQL column name. A NOT NULL column needs a server default when rows exist. */
  async addColumn(table: string, name: string, column: ColumnBuilderConfig): Promise<void> {
    await this.addColumnFromSchema(table, columnSchemaOf(name, column))
  }

  /** ALTER TABLE … ADD COLUMN from a resolved column definition. */
  async addColumnFromSchema(table: string, column: ColumnSchema): Promise<void> {
    await this.sink.run(addColumnNode(tableNode(table), column))
  }

  /** ALTER TABLE … DROP COLUMN. */
  async dropColumn(table: string, name: string): Promise<void> {
    await this.sink.run(dropColumnNode(tableNode(table), name))
  }

  /**
   * Changes a column's type, nullability, server default or name. On SQLite, which cannot alter a
   * column, the table is rebuilt (created anew, rows copied, old table dropped, new one renamed).
   */
  async alterColumn(table: string, name: string, changes: ColumnChanges): Promise<void> {
    const current = await this.sink.reflectTable(table)
    const from = current?.columns.find((column) => column.name === name)
    if (current && !from) throw MigrateError.unknownColumn(table, name)
    if (changes.newName !== undefined && changes.newName !== name) await this.sink.run(renameColumnNode(tableNode(table), name, changes.newName))
    const hasOtherChanges = changes.type !== undefined || changes.isNullable !== undefined || changes.serverDefault !== undefined
    if (!hasOtherChanges) return
    const columnName = changes.newName ?? name
    const before: ColumnSchema = { ...(from ?? { type: changes.type!, isNullable: true, isAutoincrement: false, serverDefault: undefined }), name: columnName }
    const after: ColumnSchema = {
      ...before,
      type: changes.type ?? before.type,
      isNullable: changes.isNullable ?? before.isNullable,
      serverDefault: changes.serverDefault === null ? undefined : (changes.serverDefault ?? before.serverDefault),
    }
    const node = alterColumnNode(tableNode(table), before, after)
    try {
      this.sink.dialect.compile(node)
    } catch (error) {
      if (!(error instanceof UnsupportedFeatureError)) throw error
      const live = await this.sink.reflectTable(table)
      if (!live) throw MigrateError.needsLiveDatabase(table, error)
      await rebuildTable(this.sink, { ...live, columns: live.columns.map((column) => (column.name === columnName ? after : column)) })
      return
    }
    await this.sink.run(node)
  }

  /** CREATE [UNIQUE] INDEX. */
  async createIndex(name: string, table: string, columns: readonly string[], options: { readonly isUnique?: boolean } = {}): Promise<void> {
    await this.sink.run(createIndexNode(tableNode(table), { name, columns, isUnique: options.isUnique ?? false }, false))
  }

  /** DROP INDEX. */
  async dropIndex(name: string, table: string): Promise<void> {
    await this.sink.run(dropIndexNode(tableNode(table), name))
  }

  /** Runs raw SQL, for data migrations: `await op.execute("update posts set status = 'draft'")`. */
  async execute(sql: string): Promise<void> {
    await this.sink.runSql(sql)
  }
}

/** The column builders `metadata.table` takes. */
type TableColumns = Parameters<MetaData['table']>[1]

/** Anything with a column builder's config (`varchar(50).notNull()`). */
type ColumnBuilderConfig = { readonly config: { readonly type: ColumnSchema['type']; readonly isNullable: boolean; readonly serverDefault: ColumnSchema['serverDefault']; readonly autoincrement: boolean | undefined } }

function columnSchemaOf(name: string, column: ColumnBuilderConfig): ColumnSchema {
  return { name, type: column.config.type, isNullable: column.config.isNullable, isAutoincrement: column.config.autoincrement ?? false, serverDefault: column.config.serverDefault }
}

/**
 * A sink that executes on a connection (inside the migration's transaction).
 *
 * @example
 * const op = new Operations(connectionSink(connection))
 */
export function connectionSink(connection: Connection): StatementSink {
  const dialect = connection.dialect
  return {
    dialect,
    run: async (node) => {
      await connection.execute({ node, compile: (d) => d.compile(node) })
    },
    runSql: async (sql) => {
      await connection.execute(text(sql))
    },
    reflectTable: async (name) => {
      if (!dialect.createInspector) return undefined
      const inspector = dialect.createInspector(async (sql, params) => (await connection.execute(text(sql), params ?? {})).all() as Record<string, unknown>[])
      return inspector.reflectTable(name)
    },
  }
}

/**
 * A sink that only collects SQL (offline mode); SQLite table rebuilds are not possible without a database.
 *
 * @example
 * const statements: string[] = []
 * await migration.up(new Operations(sqlSink(dialect, statements)))
 */
export function sqlSink(dialect: Dialect, statements: string[]): StatementSink {
  return {
    dialect,
    run: async (node) => {
      statements.push(dialect.compile(node).sql)
    },
    runSql: async (sql) => {
      statements.push(sql)
    },
    reflectTable: async () => undefined,
  }
}

