import {
  addColumnNode,
  addConstraintNode,
  type AddedConstraint,
  alterColumnNode,
  ColumnBuilder,
  type ColumnSchema,
  type Connection,
  type ConstraintType,
  createIndexNode,
  createTableNode,
  type Dialect,
  dropColumnNode,
  dropConstraintNode,
  dropIndexNode,
  dropTableNode,
  Expression,
  type ExpressionNode,
  MetaData,
  rawSqlNode,
  type ReferentialAction,
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
import { withConstraint, withoutConstraint } from './reshape-table'

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
  /** A new server default (a value, `sql\`…\``, `func.now()`, or an expression node), or null to drop it. */
  readonly serverDefault?: DefaultValue | null
  readonly newName?: string
  /** The column's current type, for offline SQL (`athanor migrate sql`) on MySQL, whose MODIFY restates it. */
  readonly existingType?: ColumnSchema['type']
}

/** The referential actions of `createForeignKey`. */
export interface ForeignKeyActions {
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
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
    const before: ColumnSchema = { ...(from ?? assumedColumn(changes)), name: columnName }
    const after: ColumnSchema = {
      ...before,
      type: changes.type ?? before.type,
      isNullable: changes.isNullable ?? before.isNullable,
      serverDefault: changes.serverDefault === null ? undefined : changes.serverDefault === undefined ? before.serverDefault : defaultNode(changes.serverDefault, changes.type ?? before.type),
    }
    const node = alterColumnNode(tableNode(table), before, after)
    // Offline, a dialect that restates the whole column (MySQL's MODIFY) needs its type.
    if (!from && after.type === UNKNOWN_TYPE && safeSql(this.sink.dialect, node).includes(UNKNOWN_TYPE.name)) throw MigrateError.needsExistingType(table, name)
    await this.changeTable(table, node, (live) => ({ ...live, columns: live.columns.map((column) => (column.name === columnName ? after : column)) }))
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY (a table rebuild on SQLite).
   *
   * @example
   * await op.createForeignKey('fk_posts_author', 'posts', ['author_id'], 'users', ['id'], { onDelete: 'cascade' })
   */
  async createForeignKey(name: string, sourceTable: string, columns: readonly string[], referentTable: string, referentColumns: readonly string[], actions: ForeignKeyActions = {}): Promise<void> {
    await this.addConstraint(sourceTable, {
      type: 'foreignKey',
      foreignKey: { name, columns, referencedTable: tableNode(referentTable), referencedColumns: referentColumns, onDelete: actions.onDelete, onUpdate: actions.onUpdate },
    })
  }

  /** ALTER TABLE … ADD CONSTRAINT … UNIQUE (a table rebuild on SQLite): `await op.createUniqueConstraint('uq_users_email', 'users', ['email'])`. */
  async createUniqueConstraint(name: string, table: string, columns: readonly string[]): Promise<void> {
    await this.addConstraint(table, { type: 'unique', unique: { name, columns } })
  }

  /** ALTER TABLE … ADD CONSTRAINT … CHECK, the condition as SQL (a table rebuild on SQLite): `await op.createCheckConstraint('ck_age', 'users', 'age >= 0')`. */
  async createCheckConstraint(name: string, table: string, condition: string): Promise<void> {
    await this.addConstraint(table, { type: 'check', check: { name, condition: rawSqlNode([condition], []) } })
  }

  /**
   * Drops a named constraint; `type` says which kind, since MySQL spells each DROP differently
   * (a table rebuild on SQLite). An index the database made for a dropped foreign key (MySQL) goes too.
   *
   * @example
   * await op.dropConstraint('fk_posts_author', 'posts', { type: 'foreignKey' })
   */
  async dropConstraint(name: string, table: string, options: { readonly type: ConstraintType }): Promise<void> {
    const indexesBefore = new Set((await this.sink.reflectTable(table))?.indexes.map((definition) => definition.name))
    await this.changeTable(table, dropConstraintNode(tableNode(table), name, options.type), (live) => withoutConstraint(live, name, options.type))
    if (options.type !== 'foreignKey') return
    // InnoDB backs a foreign key with an index of the same name, which outlives the constraint and
    // would show up as an unwanted index; the index was not there as an index before.
    const implicit = (await this.sink.reflectTable(table))?.indexes.find((definition) => definition.name === name && !indexesBefore.has(name))
    if (implicit) await this.sink.run(dropIndexNode(tableNode(table), name))
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

  private async addConstraint(table: string, constraint: AddedConstraint): Promise<void> {
    await this.changeTable(table, addConstraintNode(tableNode(table), constraint), (live) => withConstraint(live, constraint))
  }

  /** Runs `node`, or, where the dialect cannot compile it (SQLite's ALTER TABLE), rebuilds the table in the shape `reshape` gives. */
  private async changeTable(table: string, node: StatementNode, reshape: (live: TableSchema) => TableSchema): Promise<void> {
    try {
      this.sink.dialect.compile(node)
    } catch (error) {
      if (!(error instanceof UnsupportedFeatureError)) throw error
      const live = await this.sink.reflectTable(table)
      if (!live) throw MigrateError.needsLiveDatabase(table, error)
      await rebuildTable(this.sink, reshape(live))
      return
    }
    await this.sink.run(node)
  }
}

// Stands for the type of a column whose definition is unknown (offline SQL without existingType).
const UNKNOWN_TYPE = Object.freeze({ name: 'athanor_unknown_type' }) as unknown as ColumnSchema['type']

/**
 * Offline (no live table) the column's current state is assumed to be the opposite of each change,
 * so that every requested change is written out: NOT NULL for `isNullable: true`, some default
 * for `serverDefault: null`, `existingType` (or an unknown type) for `type`.
 */
function assumedColumn(changes: ColumnChanges): Omit<ColumnSchema, 'name'> {
  return {
    type: changes.existingType ?? UNKNOWN_TYPE,
    isNullable: changes.isNullable === undefined ? true : !changes.isNullable,
    isAutoincrement: false,
    serverDefault: changes.serverDefault === null ? rawSqlNode(['null'], []) : undefined,
  }
}

function safeSql(dialect: Dialect, node: StatementNode): string {
  try {
    return dialect.compile(node).sql
  } catch {
    return ''
  }
}

/** What `alterColumn` accepts as a server default. */
export type DefaultValue = Expression<unknown> | ExpressionNode | string | number | boolean

function defaultNode(value: DefaultValue, type: ColumnSchema['type']): ExpressionNode {
  if (value instanceof Expression) return value.node
  if (typeof value === 'object') return value
  // The column builder turns a JS value into the node DDL writes as a literal.
  const builder = new ColumnBuilder({ type, name: 'default', isNullable: true, isPrimaryKey: false, isUnique: false, autoincrement: undefined, clientDefault: undefined, serverDefault: undefined, references: undefined })
  return builder.serverDefault(value).config.serverDefault as ExpressionNode
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

