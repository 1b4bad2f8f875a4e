import { ArgumentError } from '../errors/argument-error'
import { Expression, type Labeled } from '../expressions/expression'
import { labelNode } from '../nodes/label-node'
import { type ResultColumn, resultColumn } from '../nodes/result-column'
import { Column } from '../schema/column'
import { type AnyTable, type ColumnMap, type Simplify, Table } from '../schema/table'
import { Alias, type AnyAlias } from '../sources/alias'
import { type AnyCommonTableExpression, CommonTableExpression } from '../sources/common-table-expression'
import { type AnyDerivedColumn, DerivedColumn } from '../sources/derived-column'
import { type AnySubquery, Subquery } from '../sources/subquery'
import { type EntityItem, type EntityRow, type EntityTupleRow, entityPrefixesOf, entityResultColumns, isEntityItem } from './entity-item'

/**
 * What a select list (or RETURNING) may name: whole tables, aliases, subqueries and CTEs (all
 * their columns), columns, and labelled expressions.
 */
export type SelectItem =
  | AnyTable
  | AnyAlias
  | AnySubquery
  | AnyCommonTableExpression
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any column or label fits
  | Column<any, string, boolean>
  | AnyDerivedColumn
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any column or label fits
  | Labeled<any, string>
  | EntityItem

/** `select({ n: func.count(), age: users.c.age })`: keys name the row's properties. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any expression fits
export type SelectRecord = { readonly [key: string]: Expression<any> }

/** The `.c` of anything with columns: each holds its value type. */
type ColumnValues = { readonly [key: string]: { readonly __value: unknown } }

// A mapped class (an entity) also has `.c`: it is matched first, so its rows carry the instance type.
// Its columns are those of its `c`, which for a joined-table subclass spans the base table too.
type ItemRow<I> = I extends { readonly table: Table<infer _C>; readonly c: infer C extends ColumnMap; readonly prototype: infer E }
  ? EntityRow<C, E>
  : I extends { readonly c: infer C extends ColumnValues }
    ? { -readonly [K in keyof C]: C[K]['__value'] }
    : I extends { readonly key: infer K extends string; readonly __value: infer T }
      ? { [P in K]: T }
      : never

/** An entity's instance type, or never for other items. */
type EntityOf<I> = I extends { readonly table: Table<infer _C>; readonly prototype: infer E } ? E : never

// What one item becomes in a session's tuple row: an entity its instance, a column or label its value.
type TupleValue<I> = I extends { readonly table: Table<infer _C>; readonly prototype: infer E } ? E : I extends { readonly __value: infer T } ? T : never

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/**
 * The row type of a select list: `select(users.c.id, users.c.name)` → `{ id: number; name: string }`.
 * A list with a mapped class and other items gives an `EntityTupleRow`: `select(User, Post)` →
 * `EntityTupleRow<[User, Post]>`, which a session's `execute()` turns into `[User, Post]` rows.
 */
export type RowOfItems<Items extends readonly SelectItem[]> = Items extends readonly [SelectItem]
  ? Simplify<UnionToIntersection<ItemRow<Items[number]>>>
  : [EntityOf<Items[number]>] extends [never]
    ? Simplify<UnionToIntersection<ItemRow<Items[number]>>>
    : EntityTupleRow<{ -readonly [I in keyof Items]: TupleValue<Items[I]> }>

/** The row type of `select({ ... })`. */
export type RowOfRecord<R extends SelectRecord> = { [K in keyof R]: R[K]['__value'] }

// One frozen ResultColumn per column, so statements that select it share the object (and the
// statement cache remembers its shape key instead of walking it again).
const resultColumnsByColumn = new WeakMap<object, ResultColumn>()

function resultColumnOf(column: Column<unknown> | AnyDerivedColumn): ResultColumn {
  let result = resultColumnsByColumn.get(column)
  if (result === undefined) {
    result = resultColumn(column.key, column.node, column.sqlType)
    resultColumnsByColumn.set(column, result)
  }
  return result
}

/** Turns select items into result columns; a key used twice is an error, since rows are keyed objects. */
export function resultColumnsOfItems(items: readonly unknown[], statement: string): ResultColumn[] {
  const columns: ResultColumn[] = []
  const hasEntity = items.some(isEntityItem)
  const prefixes = hasEntity ? entityPrefixesOf(items) : undefined
  for (let index = 0; index < items.length; index++) {
    const item = items[index]
    if (hasEntity && isEntityItem(item)) {
      columns.push(...entityResultColumns(item, (prefixes as (string | undefined)[])[index]))
    } else if (item instanceof Table || item instanceof Alias || item instanceof Subquery || item instanceof CommonTableExpression) {
      if (hasEntity) throw new ArgumentError(`${statement}: a table, alias, subquery or CTE cannot be selected next to a mapped class (a session reads such rows as tuples); select its mapped class or its columns.`)
      for (const column of item.columns as readonly (Column<unknown> | AnyDerivedColumn)[]) columns.push(resultColumnOf(column))
    } else if (item instanceof Column || item instanceof DerivedColumn) {
      columns.push(resultColumnOf(item))
    } else if (item instanceof Expression && item.node.kind === 'LabelNode') {
      columns.push(resultColumn(item.node.name, item.node, item.sqlType))
    } else {
      throw new ArgumentError(`${statement}: each item must be a table, an alias, a subquery, a CTE, a column or a labelled expression (use .label("name") or select({ name: expr })).`)
    }
  }
  return checkUniqueKeys(columns, statement)
}

/** Turns `{ key: expression }` into result columns; expressions that are not plain columns get `AS key`. */
export function resultColumnsOfRecord(record: SelectRecord, statement: string): ResultColumn[] {
  const columns = Object.entries(record).map(([key, expression]) => {
    if (!(expression instanceof Expression)) throw new ArgumentError(`${statement}: the value of "${key}" is not a SQL expression.`)
    const node = expression.node.kind === 'ColumnNode' ? expression.node : labelNode(expression.node.kind === 'LabelNode' ? expression.node.expression : expression.node, key)
    return resultColumn(key, node, expression.sqlType)
  })
  return checkUniqueKeys(columns, statement)
}

function checkUniqueKeys(columns: ResultColumn[], statement: string): ResultColumn[] {
  // Select lists are usually short: comparing pairs is cheaper than building a Set each time.
  if (columns.length > 32) {
    const seen = new Set<string>()
    for (const { key } of columns) {
      if (seen.has(key)) throw duplicateKeyError(key, statement)
      seen.add(key)
    }
    return columns
  }
  for (let index = 1; index < columns.length; index++) {
    for (let before = 0; before < index; before++) if (columns[before].key === columns[index].key) throw duplicateKeyError(columns[index].key, statement)
  }
  return columns
}

function duplicateKeyError(key: string, statement: string): ArgumentError {
  return new ArgumentError(`${statement}: two result columns are keyed "${key}". Rename one with .label("otherName") or select({ otherName: ... }) (mapped classes, select(User, Post), get distinct keys by themselves).`)
}
