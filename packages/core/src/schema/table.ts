import { ArgumentError } from '../errors/argument-error'
import type { Expression } from '../expressions/expression'
import { type TableNode, tableNode } from '../nodes/table-node'
import { type AnyColumn, Column } from './column'
import type { AnyColumnBuilder } from './column-builder'
import { toSnakeCase } from './naming'
import type { TableConstraint } from './table-constraints'
import type { ForeignKeySchema, TableSchema } from './table-schema'

/** The builders passed to `metadata.table(name, { ... })`. */
export type ColumnBuilders = Record<string, AnyColumnBuilder>

/** The typed columns of a table, computed once from its builders. */
export type ColumnsOf<B extends ColumnBuilders> = {
  readonly [K in keyof B & string]: Column<B[K]['__select'], K, B[K]['__optional']>
}

/** Any map of property names to columns. */
export type ColumnMap = { readonly [key: string]: AnyColumn }

/** Flattens an intersection into one object type for readable hovers and errors. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** A row read from a table. */
export type TableRow<C extends ColumnMap> = { -readonly [K in keyof C]: C[K]['__value'] }

/** A row accepted by INSERT: columns with defaults, autoincrement or NULL allowed are optional. */
export type TableInsertRow<C extends ColumnMap> = Simplify<
  { -readonly [K in keyof C as C[K]['__optional'] extends true ? never : K]: C[K]['__value'] | Expression<C[K]['__value']> } & {
    -readonly [K in keyof C as C[K]['__optional'] extends true ? K : never]?: C[K]['__value'] | Expression<C[K]['__value']>
  }
>

/** The values UPDATE may set: any column, each a value or an expression. */
export type TableUpdateValues<C extends ColumnMap> = { -readonly [K in keyof C]?: C[K]['__value'] | Expression<C[K]['__value']> }

/** `InferRow<typeof users>`: the row type of a table. */
export type InferRow<T extends Table> = Simplify<TableRow<T['c']>>
/** `InferInsert<typeof users>`: what `insert(users).values(...)` accepts. */
export type InferInsert<T extends Table> = TableInsertRow<T['c']>

/**
 * A table made by `metadata.table(...)`. Its columns are typed expressions under `.c`.
 */
export class Table<C extends ColumnMap = ColumnMap> {
  /** The columns, by property name: `users.c.email`. */
  readonly c: C
  readonly node: TableNode
  /** Columns in definition order. */
  readonly columns: readonly AnyColumn[]
  readonly primaryKey: readonly AnyColumn[]
  readonly constraints: readonly TableConstraint[]

  constructor(
    readonly name: string,
    builders: ColumnBuilders,
    constraintsOf: ((c: C) => TableConstraint[]) | undefined,
    readonly schema: string | undefined,
  ) {
    this.node = tableNode(name, schema)
    const keyedPrimaryKey = Object.values(builders).filter((b) => b.config.isPrimaryKey)
    const columns: AnyColumn[] = []
    const seenNames = new Map<string, string>()
    for (const [key, builder] of Object.entries(builders)) {
      const sqlName = builder.config.name ?? toSnakeCase(key)
      const previous = seenNames.get(sqlName)
      if (previous !== undefined) {
        throw new ArgumentError(`Table "${name}": properties "${previous}" and "${key}" both map to SQL column "${sqlName}". Give one an explicit { name }.`)
      }
      seenNames.set(sqlName, key)
      const isLoneIntegerKey = keyedPrimaryKey.length === 1 && builder.config.isPrimaryKey && isIntegerType(builder.config.type.name)
      const autoincrement = builder.config.autoincrement ?? isLoneIntegerKey
      columns.push(new Column(key, sqlName, this.node, Object.freeze({ ...builder.config, autoincrement })))
    }
    this.columns = Object.freeze(columns)
    this.c = Object.freeze(Object.fromEntries(columns.map((column) => [column.key, column]))) as unknown as C
    this.constraints = Object.freeze(constraintsOf ? constraintsOf(this.c) : [])
    const compositeKey = this.constraints.find((constraint) => constraint.kind === 'primaryKey')
    if (compositeKey && columns.some((column) => column.config.isPrimaryKey)) {
      throw new ArgumentError(`Table "${name}": declare the primary key either on columns with .primaryKey() or with primaryKey(...), not both.`)
    }
    this.primaryKey = Object.freeze(compositeKey ? [...compositeKey.columns] : columns.filter((column) => column.config.isPrimaryKey))
  }

  /** The definition resolved to plain data (foreign key targets looked up now), for DDL. */
  toSchema(): TableSchema {
    const foreignKeys: ForeignKeySchema[] = []
    for (const column of this.columns) {
      const reference = column.config.references
      if (!reference) continue
      const target = reference.target()
      if (!(target instanceof Column)) throw new ArgumentError(`Table "${this.name}": the reference of column "${column.key}" does not return a table column.`)
      foreignKeys.push({ name: reference.name, columns: [column.name], referencedTable: target.table, referencedColumns: [target.name], onDelete: reference.onDelete, onUpdate: reference.onUpdate })
    }
    for (const constraint of this.constraints) {
      if (constraint.kind !== 'foreignKey') continue
      const targets = constraint.target() as readonly AnyColumn[]
      if (targets.length !== constraint.columns.length) {
        throw new ArgumentError(`Table "${this.name}": a foreign key has ${constraint.columns.length} columns but refers to ${targets.length}.`)
      }
      foreignKeys.push({
        name: constraint.name,
        columns: constraint.columns.map((c) => c.name),
        referencedTable: targets[0].table,
        referencedColumns: targets.map((c) => c.name),
        onDelete: constraint.onDelete,
        onUpdate: constraint.onUpdate,
      })
    }
    return Object.freeze({
      table: this.node,
      columns: this.columns.map((column) => ({
        name: column.name,
        type: column.config.type,
        isNullable: column.config.isNullable,
        isAutoincrement: column.isAutoincrement,
        serverDefault: column.config.serverDefault,
      })),
      primaryKey: this.primaryKey.map((column) => column.name),
      foreignKeys,
      uniques: [
        ...this.columns.filter((column) => column.config.isUnique).map((column) => ({ name: undefined, columns: [column.name] })),
        ...this.constraints.flatMap((c) => (c.kind === 'unique' ? [{ name: c.name, columns: c.columns.map((column) => column.name) }] : [])),
      ],
      checks: this.constraints.flatMap((c) => (c.kind === 'check' ? [{ name: c.name, condition: c.condition.node }] : [])),
      indexes: this.constraints.flatMap((c) => (c.kind === 'index' ? [{ name: c.name, columns: c.columns.map((column) => column.name), isUnique: c.isUnique }] : [])),
    })
  }

  /** Names of tables this one refers to through foreign keys (for create/drop ordering). */
  dependencies(): string[] {
    return this.toSchema()
      .foreignKeys.map((fk) => fk.referencedTable.name)
      .filter((name) => name !== this.name)
  }
}

function isIntegerType(name: string): boolean {
  return name === 'integer' || name === 'bigint' || name === 'smallint'
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any table fits
export type AnyTable = Table<any>
