import { ArgumentError } from '../errors/argument-error'
import type { Engine } from '../engine/engine'
import { createIndexNode } from '../nodes/create-index-node'
import { createTableNode } from '../nodes/create-table-node'
import { dropTableNode } from '../nodes/drop-table-node'
import type { StatementNode } from '../nodes/node'
import type { TableConstraint } from './table-constraints'
import { type AnyTable, type ColumnBuilders, type ColumnsOf, Table } from './table'

/** A collection of tables: defines them, and creates or drops them together in dependency order. */
export class MetaData {
  private readonly tablesByName = new Map<string, AnyTable>()

  /**
   * Defines a table: `metadata.table("users", { id: integer().primaryKey(), name: varchar(50).notNull() })`.
   * The optional third argument returns indexes and constraints: `(t) => [index("ix_name").on(t.name)]`.
   */
  table<B extends ColumnBuilders>(
    name: string,
    columns: B,
    constraints?: (c: ColumnsOf<B>) => TableConstraint[],
    options: { readonly schema?: string } = {},
  ): Table<ColumnsOf<B>> {
    const qualified = options.schema ? `${options.schema}.${name}` : name
    if (this.tablesByName.has(qualified)) throw new ArgumentError(`Table "${qualified}" is already defined in this MetaData.`)
    const table = new Table<ColumnsOf<B>>(name, columns, constraints, options.schema)
    this.tablesByName.set(qualified, table)
    return table
  }

  /** The tables, in definition order. */
  get tables(): readonly AnyTable[] {
    return [...this.tablesByName.values()]
  }

  /** Tables ordered so that each comes after the tables it refers to. */
  sortedTables(): AnyTable[] {
    const sorted: AnyTable[] = []
    const state = new Map<AnyTable, 'visiting' | 'done'>()
    const byName = new Map([...this.tablesByName.values()].map((t) => [t.name, t]))
    const visit = (table: AnyTable): void => {
      const current = state.get(table)
      if (current === 'done' || current === 'visiting') return // a cycle: the database checks the constraint later
      state.set(table, 'visiting')
      for (const dependency of table.dependencies()) {
        const target = byName.get(dependency)
        if (target) visit(target)
      }
      state.set(table, 'done')
      sorted.push(table)
    }
    for (const table of this.tablesByName.values()) visit(table)
    return sorted
  }

  /** The DDL statements `createAll` runs: CREATE TABLE IF NOT EXISTS and CREATE INDEX IF NOT EXISTS. */
  createStatements(): StatementNode[] {
    return this.sortedTables().flatMap((table) => {
      const schema = table.toSchema()
      return [createTableNode(schema, true), ...schema.indexes.map((index) => createIndexNode(table.node, index, true))]
    })
  }

  /** The DDL statements `dropAll` runs: DROP TABLE IF EXISTS, dependents first. */
  dropStatements(): StatementNode[] {
    return this.sortedTables()
      .reverse()
      .map((table) => dropTableNode(table.node, true))
  }

  /** Creates every table and index that does not exist yet, in one transaction where the database allows. */
  async createAll(engine: Engine): Promise<void> {
    await engine.runDdl(this.createStatements())
  }

  /** Drops every table of this MetaData that exists. */
  async dropAll(engine: Engine): Promise<void> {
    await engine.runDdl(this.dropStatements())
  }
}
