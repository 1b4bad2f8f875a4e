import { type AnyTable, ArgumentError, type ColumnMap, ENTITY_TABLE, type Simplify, type Table, isEntityItem } from '@athanor/core'
import { transformSetValue } from './events'
import { stateOf } from './instance-state'
import { type ModelInit, type ModelInstance, defineColumnAccessor } from './model'

/** What `Subclass()` extends: a mapped class (`Model(table)`, or a class extending one). */
export interface SubclassBase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any constructor parameters fit
  new (...args: any): object
  readonly table: AnyTable
  readonly c: ColumnMap
}

/** The init object a class's constructor takes. */
type InitOf<B extends SubclassBase> = NonNullable<ConstructorParameters<B>[0]>

type InitArgs<I> = {} extends I ? [values?: I] : [values: I]

/** The columns a joined subclass's table adds: all but those keyed like a column of the base (its key, `id`). */
export type JoinedColumns<B extends SubclassBase, SC extends ColumnMap> = Pick<SC, Exclude<keyof SC, keyof B['c']>>

/**
 * The class `Subclass(Base, { table })` returns: instances are `Base` instances plus the columns
 * of the subclass's own table; `Class.table` is that table, `Class.c` has the columns of both.
 */
export interface JoinedSubclassClass<B extends SubclassBase, SC extends ColumnMap> {
  new (...args: InitArgs<Simplify<InitOf<B> & ModelInit<JoinedColumns<B, SC>>>>): InstanceType<B> & ModelInstance<JoinedColumns<B, SC>>
  readonly prototype: InstanceType<B> & ModelInstance<JoinedColumns<B, SC>>
  /** The subclass's own table. */
  readonly table: Table<SC>
  /** The columns of the base class and of the subclass's table, for Core statements: `select(Manager).where(Manager.c.budget.gt(0))`. */
  readonly c: B['c'] & JoinedColumns<B, SC>
}

/** The class `Subclass(Base, { columns })` returns: instances are `Base` instances plus the named columns of the shared table. */
export interface SingleTableSubclassClass<B extends SubclassBase, K extends keyof B['c']> {
  new (...args: InitArgs<Simplify<InitOf<B> & ModelInit<Pick<B['c'], K>>>>): InstanceType<B> & ModelInstance<Pick<B['c'], K>>
  readonly prototype: InstanceType<B> & ModelInstance<Pick<B['c'], K>>
  readonly table: B['table']
  readonly c: B['c']
}

/** Options of `Subclass(Base, options)`: a table of its own (joined-table), or columns of the base's table (single-table). */
export type SubclassOptions = { readonly table: AnyTable } | { readonly columns: readonly string[] }

const JOINED_BASE = Symbol('athanor.joinedBase')

/**
 * The base class of a subclass in a mapped hierarchy, adding the subclass's own columns as typed
 * attributes (which the base class does not have). Map the result with
 * `mapper(Sub, {}, { inherits: Base, polymorphicIdentity })`.
 *
 * Joined-table inheritance, `{ table }`: the subclass's rows also live in a table of its own, whose
 * primary key is a foreign key to the base table's; a query on the base class LEFT JOINs it.
 *
 * ```ts
 * class Manager extends Subclass(Employee, { table: managers }) {}   // managers(id → employees.id, budget)
 * mapper(Manager, {}, { inherits: Employee, polymorphicIdentity: "manager" })
 * ```
 *
 * Single-table inheritance, `{ columns }`: the subclass owns these columns of the base's table,
 * which the base leaves out with `Model(table, { subclassColumns })`.
 *
 * ```ts
 * class Employee extends Model(employees, { subclassColumns: ["budget", "language"] }) {}
 * class Manager extends Subclass(Employee, { columns: ["budget"] }) {}   // manager.budget: number | null
 * ```
 */
export function Subclass<B extends SubclassBase, SC extends ColumnMap>(base: B, options: { readonly table: Table<SC> }): JoinedSubclassClass<B, SC>
export function Subclass<B extends SubclassBase, const K extends keyof B['c'] & string>(base: B, options: { readonly columns: readonly K[] }): SingleTableSubclassClass<B, K>
export function Subclass(base: SubclassBase, options: SubclassOptions): unknown {
  if (!isEntityItem(base)) throw new ArgumentError(`Subclass(): ${String((base as { name?: unknown } | undefined)?.name)} is not a mapped class (Model(table), or a class extending one).`)
  const baseKeys = new Set(Object.keys(base.c))
  let ownKeys: string[]
  if ('table' in options) {
    if (options.table === base.table) throw new ArgumentError(`Subclass(${base.name}, { table }): ${options.table.name} is the base class's own table; for single-table inheritance pass { columns }.`)
    ownKeys = options.table.columns.map((column) => column.key).filter((key) => !baseKeys.has(key))
  } else {
    for (const key of options.columns) if (!baseKeys.has(key)) throw new ArgumentError(`Subclass(${base.name}, { columns }): "${key}" is not a column of ${base.table.name}.`)
    ownKeys = [...options.columns]
  }
  const own = new Set(ownKeys)
  const Base = base as unknown as new (values?: Readonly<Record<string, unknown>>) => { toJSON(): Record<string, unknown> }

  class SubclassModel extends Base {
    constructor(values?: Readonly<Record<string, unknown>>) {
      // The base constructor rejects columns it does not have: the subclass's are set after it.
      let inherited = values
      const mine: [string, unknown][] = []
      if (values !== undefined) {
        const rest: Record<string, unknown> = {}
        for (const key of Object.keys(values)) {
          if (own.has(key)) mine.push([key, values[key]])
          else rest[key] = values[key]
        }
        inherited = rest
      }
      super(inherited)
      const state = stateOf(this)
      for (const [key, value] of mine) state.values[key] = transformSetValue(this, key, value, undefined)
    }

    override toJSON(): Record<string, unknown> {
      const json = super.toJSON()
      const state = stateOf(this)
      for (const key of own) if (state.values[key] !== undefined) json[key] = state.values[key]
      return json
    }
  }
  Object.defineProperty(SubclassModel, 'name', { value: `Subclass(${base.name})` })
  if ('table' in options) {
    const ownColumns = Object.fromEntries(options.table.columns.filter((column) => own.has(column.key)).map((column) => [column.key, column]))
    Object.defineProperties(SubclassModel, {
      table: { value: options.table, enumerable: true },
      c: { value: Object.freeze({ ...base.c, ...ownColumns }), enumerable: true },
      [ENTITY_TABLE]: { value: options.table },
      [JOINED_BASE]: { value: base },
    })
  }
  for (const key of own) defineColumnAccessor(SubclassModel.prototype, key)
  return SubclassModel
}

/** True for a class made by `Subclass(Base, { table })` (or extending one): it cannot be used unmapped. */
export function isJoinedSubclass(entity: unknown): boolean {
  return typeof entity === 'function' && (entity as { [JOINED_BASE]?: unknown })[JOINED_BASE] !== undefined
}
