import type { CompiledQuery } from '../compiler/compiled-query'
import type { Dialect } from '../compiler/dialect'
import { splitInsert } from '../compiler/insert-batches'
import { ArgumentError } from '../errors/argument-error'
import { CompileError } from '../errors/compile-error'
import { type Condition, toOperandNode } from '../expressions/expression'
import type { ExpressionNode } from '../nodes/expression-node'
import { type InsertNode, insertNode, withInsertReturning, withInsertSelect, withOnConflict, withValues } from '../nodes/insert-node'
import { onConflictDoNothingNode, onConflictDoUpdateNode } from '../nodes/on-conflict-node'
import { valueNode } from '../nodes/value-node'
import type { AnyColumn } from '../schema/column'
import type { ColumnMap, Table, TableInsertRow, TableUpdateValues } from '../schema/table'
import { assignmentsOf } from './assignments'
import { type EntityItem, isEntityItem } from './entity-item'
import type { Executable } from './executable'
import type { Select } from './select'
import { type RowOfItems, resultColumnsOfItems, type SelectItem } from './select-items'

/** A column of the table `C`, or several: the target of a conflict clause. */
export type ConflictTarget<C extends ColumnMap> = C[keyof C] | readonly C[keyof C][]

/** What `onConflictDoUpdate` sets on the existing row when the proposed one collides with it. */
export interface OnConflictDoUpdateOptions<C extends ColumnMap> {
  /** The unique column(s) whose collision triggers the update (ignored on MySQL, where any unique key does). */
  readonly target: ConflictTarget<C>
  /** New values, typed like `update().values()`; `excluded(column)` reads the proposed row. */
  readonly set: TableUpdateValues<C>
  /** Only update existing rows for which this holds (not on MySQL). */
  readonly where?: Condition
}

/** An INSERT statement. Immutable: every method returns a new `Insert`. */
export class Insert<C extends ColumnMap, Row> implements Executable<Row> {
  declare readonly __row?: Row

  constructor(
    readonly table: Table<C>,
    readonly node: InsertNode,
  ) {}

  /**
   * The row or rows to insert. Omitted columns get their client-side default (a function default
   * is called once per row), else their server default (or NULL). Several rows become one
   * multi-row INSERT; `execute` splits it into several INSERTs, in one savepoint, when it carries
   * more bound values than the driver takes in one statement.
   *
   * ```ts
   * insert(users).values([{ name: "ada", email: "a@x" }, { name: "bob", email: "b@x" }])
   * ```
   */
  values(rows: TableInsertRow<C> | readonly TableInsertRow<C>[]): Insert<C, Row> {
    const list = (Array.isArray(rows) ? rows : [rows]) as readonly Record<string, unknown>[]
    if (list.length === 0) throw new ArgumentError(`insert(${this.table.name}).values([]): give at least one row.`)
    const { columns, values } = rowsToValues(this.table, list)
    return new Insert(this.table, withValues(this.node, columns.map((c) => c.node), values))
  }

  /**
   * `INSERT INTO table (columns) SELECT …`: inserts the rows of a query, its select list matching
   * `columns` in order. Client-side defaults do not apply (no row passes through the client).
   *
   * ```ts
   * insert(archive).fromSelect([archive.c.id, archive.c.title], select(posts.c.id, posts.c.title).where(posts.c.views.eq(0)))
   * ```
   */
  fromSelect(columns: readonly C[keyof C][], query: Select<unknown>): Insert<C, Row> {
    const statement = `insert(${this.table.name}).fromSelect()`
    for (const column of columns) this.checkOwnColumn(column, statement)
    if (columns.length === 0) throw new ArgumentError(`${statement}: name at least one column.`)
    if (query.node.columns.length !== columns.length) {
      throw new ArgumentError(`${statement}: ${columns.length} columns but the query selects ${query.node.columns.length}; they must match one to one.`)
    }
    return new Insert(this.table, withInsertSelect(this.node, columns.map((column: AnyColumn) => column.node), query.node))
  }

  /**
   * Skips rows that collide with an existing row on a unique key, `ON CONFLICT [(target)] DO NOTHING`.
   * On MySQL/MariaDB, which check every unique key whatever the target, this is a no-op
   * `ON DUPLICATE KEY UPDATE col = col` (not INSERT IGNORE, which would also ignore other errors).
   *
   * ```ts
   * insert(tags).values([{ name: "sql" }, { name: "ts" }]).onConflictDoNothing(tags.c.name)
   * ```
   */
  onConflictDoNothing(target?: ConflictTarget<C>): Insert<C, Row> {
    return new Insert(this.table, withOnConflict(this.node, onConflictDoNothingNode(this.targetNodes(target, 'onConflictDoNothing'))))
  }

  /**
   * An upsert: a row that collides on `target` updates the existing row with `set` instead,
   * `ON CONFLICT (target) DO UPDATE SET …` (MySQL/MariaDB: `ON DUPLICATE KEY UPDATE …`, where any
   * unique key collides and `where` is not available). `rowCount` is the database's: MySQL counts
   * an updated row twice, and (with the FOUND_ROWS flag) a row left as it was once.
   *
   * ```ts
   * insert(counters).values({ name: "home", hits: 1 }).onConflictDoUpdate({
   *   target: counters.c.name,
   *   set: { hits: counters.c.hits.add(1), label: excluded(counters.c.label) },
   * })
   * ```
   */
  onConflictDoUpdate(options: OnConflictDoUpdateOptions<C>): Insert<C, Row> {
    const method = 'onConflictDoUpdate'
    const target = this.targetNodes(options.target, method)
    if (target.length === 0) throw new ArgumentError(`insert(${this.table.name}).${method}(): give the target column(s) whose conflict triggers the update.`)
    const assignments = assignmentsOf(this.table, options.set, `insert(${this.table.name}).${method}()`)
    if (assignments.length === 0) throw new ArgumentError(`insert(${this.table.name}).${method}(): set at least one column (or use onConflictDoNothing).`)
    return new Insert(this.table, withOnConflict(this.node, onConflictDoUpdateNode(target, assignments, options.where?.node)))
  }

  /** RETURNING: the inserted rows' columns, e.g. `.returning(users.c.id)` (dialects without RETURNING refuse). */
  returning<const Items extends readonly SelectItem[]>(...items: Items): Insert<C, RowOfItems<Items>> {
    return new Insert(this.table, withInsertReturning(this.node, resultColumnsOfItems(items, `insert(${this.table.name}).returning()`)))
  }

  /**
   * Compiles for a dialect: `{ sql, params }`. An INSERT that `execute` would split (more bound
   * values than `dialect.capabilities.maxParameters`) throws `CompileError`: no single statement
   * runs; `compileBatches` shows the ones that do.
   *
   * ```ts
   * insert(users).values({ name: "ada", email: "a@x" }).compile(engine.dialect).sql
   * ```
   */
  compile(dialect: Dialect): CompiledQuery {
    const batches = splitInsert(this.node, dialect.capabilities.maxParameters)
    if (batches.length > 1) {
      throw new CompileError(
        `insert(${this.table.name}) has more bound values than the ${dialect.name} dialect takes in one statement (${dialect.capabilities.maxParameters}); ` +
          `execute() runs it as ${batches.length} INSERTs, which compileBatches(dialect) shows.`,
      )
    }
    return dialect.compile(this.node)
  }

  /**
   * The statements `execute` sends, in order: one, or several when the rows carry more bound
   * values than the driver takes in one statement.
   *
   * ```ts
   * insert(points).values(manyRows).compileBatches(engine.dialect).length
   * ```
   */
  compileBatches(dialect: Dialect): CompiledQuery[] {
    return splitInsert(this.node, dialect.capabilities.maxParameters).map((batch) => dialect.compile(batch))
  }

  private targetNodes(target: ConflictTarget<C> | undefined, method: string): AnyColumn['node'][] {
    const columns: readonly AnyColumn[] = target === undefined ? [] : isColumnList(target) ? target : [target]
    return columns.map((column) => this.checkOwnColumn(column, `insert(${this.table.name}).${method}()`).node)
  }

  private checkOwnColumn(column: AnyColumn, statement: string): AnyColumn {
    if (this.table.c[column.key] !== column) throw new ArgumentError(`${statement}: column "${column.key}" is not a column of ${this.table.name}.`)
    return column
  }
}

function isColumnList<T>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value)
}

/** Starts an INSERT: `insert(users).values({ name: "ada" })`; a mapped class stands for its table: `insert(User)`. */
export function insert<C extends ColumnMap>(target: Table<C> | EntityItem<C>): Insert<C, never> {
  const table = isEntityItem(target) ? target.table : target
  return new Insert(table, insertNode(table.node))
}

function rowsToValues(table: Table, rows: readonly Record<string, unknown>[]): { columns: AnyColumn[]; values: ExpressionNode[][] } {
  for (const row of rows) {
    for (const key in row) {
      if (table.c[key] === undefined) throw new ArgumentError(`insert(${table.name}): no column "${key}". Columns: ${Object.keys(table.c).join(', ')}.`)
    }
  }
  // In the table's order: the columns some row sets, and those with a client-side default.
  const columns: AnyColumn[] = []
  for (const column of table.columns) {
    if (column.config.clientDefault !== undefined || isSetInSomeRow(rows, column.key)) columns.push(column)
  }
  const values = new Array<ExpressionNode[]>(rows.length)
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const row = rows[rowIndex]
    const list = new Array<ExpressionNode>(columns.length)
    for (let index = 0; index < columns.length; index++) list[index] = valueOf(table, row, columns[index], rowIndex)
    values[rowIndex] = list
  }
  return { columns, values }
}

function isSetInSomeRow(rows: readonly Record<string, unknown>[], key: string): boolean {
  for (const row of rows) if (row[key] !== undefined) return true
  return false
}

/** One row's value for a column: its own, else the client default, else NULL (refused where the database would fill it in). */
function valueOf(table: Table, row: Readonly<Record<string, unknown>>, column: AnyColumn, rowIndex: number): ExpressionNode {
  const value = row[column.key]
  if (value !== undefined) return toOperandNode(value, column.sqlType)
  const fallback = column.config.clientDefault
  if (fallback) return valueNode('value' in fallback ? fallback.value : fallback.generate(), column.sqlType)
  if (column.config.serverDefault || column.isAutoincrement) {
    throw new ArgumentError(
      `insert(${table.name}): row ${rowIndex} leaves out "${column.key}", which other rows set; a multi-row INSERT needs the same columns in every row (its server default cannot apply to some rows only).`,
    )
  }
  return valueNode(null, column.sqlType)
}
