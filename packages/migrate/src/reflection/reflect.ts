import { type AnyTable, ColumnBuilder, type Engine, Expression, foreignKey, MetaData, primaryKey, type TableConstraint, type TableSchema, check, index, unique } from '@athanor/core'
import { MigrateError } from '../migrate-error'
import { withInspector } from './inspect'

export interface ReflectOptions {
  /** Only these tables (and the tables their foreign keys refer to); all tables when omitted. */
  readonly tables?: readonly string[]
}

/**
 * Reads tables from a live database into a new MetaData. Column keys are the SQL column names;
 * types are normalised to Athanor's (see the README for the per-database spellings).
 *
 * @example
 * const metadata = await reflect(engine, { tables: ['users', 'posts'] })
 * metadata.tables.map((table) => table.name) // ['posts', 'users']
 */
export async function reflect(engine: Engine, options: ReflectOptions = {}): Promise<MetaData> {
  const schemas = await reflectSchemas(engine, options)
  return toMetaData(schemas)
}

/**
 * Reads table definitions as plain `TableSchema` data (what autogenerate compares).
 *
 * @example
 * const [users] = await reflectSchemas(engine, { tables: ['users'] })
 */
export async function reflectSchemas(engine: Engine, options: ReflectOptions = {}): Promise<TableSchema[]> {
  return withInspector(engine, async (inspector) => {
    const existing = new Set(await inspector.tableNames())
    const pending = [...(options.tables ?? existing)]
    const schemas = new Map<string, TableSchema>()
    while (pending.length > 0) {
      const name = pending.shift() as string
      if (schemas.has(name)) continue
      if (!existing.has(name)) throw MigrateError.unknownTable(name)
      const schema = await inspector.reflectTable(name)
      schemas.set(name, schema)
      // Referenced tables come along, so that the foreign keys resolve inside the MetaData.
      for (const fk of schema.foreignKeys) if (!schemas.has(fk.referencedTable.name)) pending.push(fk.referencedTable.name)
    }
    return [...schemas.values()].sort((a, b) => a.table.name.localeCompare(b.table.name))
  })
}

/**
 * Builds a MetaData from table definitions, each column keyed by its SQL name.
 *
 * @example
 * const metadata = toMetaData(await reflectSchemas(engine))
 */
export function toMetaData(schemas: readonly TableSchema[]): MetaData {
  const metadata = new MetaData()
  const tables = new Map<string, AnyTable>()
  for (const schema of schemas) {
    const builders = Object.fromEntries(
      schema.columns.map((column) => [
        column.name,
        new ColumnBuilder({
          type: column.type,
          name: column.name,
          isNullable: column.isNullable,
          // The key is declared as a table constraint below, which keeps autoincrement explicit.
          isPrimaryKey: false,
          isUnique: false,
          autoincrement: column.isAutoincrement,
          clientDefault: undefined,
          serverDefault: column.serverDefault,
          references: undefined,
        }),
      ]),
    )
    const table = metadata.table(schema.table.name, builders, (c) => constraintsOf(schema, c as Record<string, never>, tables), { schema: schema.table.schema })
    tables.set(schema.table.name, table)
  }
  return metadata
}

function constraintsOf(schema: TableSchema, columns: Record<string, never>, tables: ReadonlyMap<string, AnyTable>): TableConstraint[] {
  const constraints: TableConstraint[] = []
  const pick = (names: readonly string[]) => names.map((name) => columns[name])
  if (schema.primaryKey.length > 0) constraints.push(primaryKey(...pick(schema.primaryKey)))
  for (const fk of schema.foreignKeys) {
    // Resolved lazily: the referenced table may be defined after this one.
    constraints.push(
      foreignKey(pick(fk.columns), () => fk.referencedColumns.map((name) => resolveTable(tables, fk.referencedTable.name).c[name]), {
        name: fk.name,
        onDelete: fk.onDelete,
        onUpdate: fk.onUpdate,
      }),
    )
  }
  for (const constraint of schema.uniques) constraints.push(unique(constraint.name).on(...pick(constraint.columns)))
  for (const constraint of schema.checks) constraints.push(check(constraint.name, new Expression<boolean | null>(constraint.condition, undefined)))
  for (const definition of schema.indexes) {
    const indexDefinition = index(definition.name).on(...pick(definition.columns))
    constraints.push(definition.isUnique ? indexDefinition.unique() : indexDefinition)
  }
  return constraints
}

function resolveTable(tables: ReadonlyMap<string, AnyTable>, name: string): AnyTable {
  const table = tables.get(name)
  if (!table) throw MigrateError.unknownTable(name)
  return table
}
