import { ArgumentError, type ColumnMap, ENTITY_TABLE, type Simplify, type Table, type TableRow } from '@athanor/core'
import { DetachedInstanceError } from './errors/detached-instance-error'
import { transformSetValue } from './events'
import { NotLoadedError } from './errors/not-loaded-error'
import { attachState, InstanceState, STATE } from './instance-state'
import { isDeclaredRelationship } from './mapper'

type InitRequired<C extends ColumnMap, O extends string> = {
  -readonly [K in keyof C as C[K]['__optional'] extends true ? never : K extends O ? never : K]: C[K]['__value']
}
type InitOptional<C extends ColumnMap, O extends string> = {
  -readonly [K in keyof C as C[K]['__optional'] extends true ? K : K extends O ? K : never]?: C[K]['__value']
}

/**
 * What `new User({...})` takes: the table's insert row (columns with a default, autoincrement or
 * NULL allowed are optional), with values only (no SQL expressions), and the columns listed in
 * `Model(table, { optional })` made optional too.
 */
export type ModelInit<C extends ColumnMap, O extends string = never> = Simplify<InitRequired<C, O> & InitOptional<C, O>>

/** The constructor's parameters: the init object may be omitted when nothing is required. */
export type ModelInitArgs<C extends ColumnMap, O extends string> = {} extends ModelInit<C, O> ? [values?: ModelInit<C, O>] : [values: ModelInit<C, O>]

/** An instance's column attributes: the table's row type, writable. */
export type ModelInstance<C extends ColumnMap> = TableRow<C>

/** The columns a base class has as attributes: the table's, but those `Model(table, { subclassColumns })` leaves to subclasses. */
export type BaseColumns<C extends ColumnMap, X extends string> = [X] extends [never] ? C : Pick<C, Exclude<keyof C, X>>

/** The base class `Model(table)` returns; user classes extend it. */
export interface ModelClass<C extends ColumnMap, O extends string = never, X extends string = never> {
  new (...args: ModelInitArgs<BaseColumns<C, X>, O>): ModelInstance<BaseColumns<C, X>>
  readonly prototype: ModelInstance<BaseColumns<C, X>>
  /** The mapped table. */
  readonly table: Table<C>
  /** The table's columns, for Core statements: `select(User).where(User.c.name.eq("ada"))`. */
  readonly c: C
}

/** Options of `Model(table, options)`. */
export interface ModelOptions<O extends string, X extends string = never> {
  /**
   * Columns the constructor may leave out although the table requires them: typically foreign
   * keys that the flush fills in from a relationship (`post.author = user`).
   */
  readonly optional?: readonly O[]
  /**
   * Single-table inheritance: columns only subclasses have. The base class leaves them out of its
   * attributes and constructor; a subclass takes its own with `Subclass(Base, { columns })`.
   */
  readonly subclassColumns?: readonly X[]
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * The base class of a mapped class: instances carry the table's columns as typed attributes, and
 * the class carries the table (`User.table`) and its columns (`User.c`). Relationships are
 * declared on the subclass and configured with `mapper()`.
 *
 * ```ts
 * class User extends Model(users) {
 *   declare posts: Post[]
 *   get label(): string { return `${this.name} <${this.email}>` }
 * }
 * class Post extends Model(posts, { optional: ["authorId"] }) { declare author: User | null }
 * const ada = new User({ name: "ada", email: "ada@example.com" })
 * class Employee extends Model(employees, { subclassColumns: ["budget"] }) {} // see Subclass()
 * ```
 */
export function Model<C extends ColumnMap, O extends keyof C & string = never, X extends keyof C & string = never>(table: Table<C>, options: ModelOptions<O, X> = {}): ModelClass<C, O, X> {
  const tableKeys = new Set(table.columns.map((column) => column.key))
  for (const key of [...(options.optional ?? []), ...(options.subclassColumns ?? [])]) {
    if (!tableKeys.has(key)) throw new ArgumentError(`Model(${table.name}): "${key}" is not a column.`)
  }
  const subclassKeys = new Set<string>(options.subclassColumns ?? [])
  const columnKeys = new Set([...tableKeys].filter((key) => !subclassKeys.has(key)))
  // A new object's value store starts as a copy of this one (every column present, undefined
  // meaning not set): one hidden class per model whatever order the values come in.
  const valuesTemplate: Record<string, unknown> = {}
  for (const key of tableKeys) valuesTemplate[key] = undefined

  class MappedModel {
    static readonly table = table
    static readonly c = table.c
    static readonly [ENTITY_TABLE] = table

    constructor(values?: Readonly<Record<string, unknown>>) {
      const state = new InstanceState(this, { ...valuesTemplate })
      attachState(this, state)
      if (values === undefined) return
      for (const key of Object.keys(values)) {
        if (columnKeys.has(key)) state.values[key] = transformSetValue(this, key, values[key], undefined)
        else if (isDeclaredRelationship(new.target, key)) (this as Record<string, unknown>)[key] = values[key]
        else if (subclassKeys.has(key)) throw new ArgumentError(`new ${new.target.name}(): "${key}" is a column of subclasses only (Subclass(${new.target.name}, { columns })).`)
        else throw new ArgumentError(`new ${new.target.name}(): "${key}" is neither a column of ${table.name} nor a relationship.`)
      }
    }

    /** The loaded column values, for JSON.stringify (attributes live on the prototype, not the object). */
    toJSON(): Record<string, unknown> {
      const state = (this as unknown as { [STATE]: InstanceState })[STATE]
      const json: Record<string, unknown> = {}
      for (const key of columnKeys) if (state.values[key] !== undefined) json[key] = state.values[key]
      return json
    }

    [INSPECT](_depth: number, inspectOptions: unknown, inspect: (value: unknown, options: unknown) => string): string {
      return `${this.constructor.name} ${inspect(this.toJSON(), inspectOptions)}`
    }
  }
  Object.defineProperty(MappedModel, 'name', { value: `Model(${table.name})` })
  for (const key of columnKeys) defineColumnAccessor(MappedModel.prototype, key)
  return MappedModel as unknown as ModelClass<C, O, X>
}

/**
 * Defines a column attribute on a mapped class's prototype (`Subclass` adds its own columns so).
 * Accessors on the prototype read and write the per-instance state: a write is recorded as a
 * change on the spot, so a flush never compares snapshots.
 *
 * ```ts
 * defineColumnAccessor(Manager.prototype, "budget")
 * ```
 */
export function defineColumnAccessor(prototype: object, key: string): void {
  Object.defineProperty(prototype, key, {
    configurable: true,
    enumerable: true,
    get(this: { [STATE]: InstanceState }) {
      const state = this[STATE]
      const value = state.values[key]
      if (value === undefined && state.expired !== undefined && state.expired.has(key)) throw expiredError(state, key)
      return value
    },
    set(this: { [STATE]: InstanceState }, value: unknown) {
      const state = this[STATE]
      state.setColumn(key, transformSetValue(this, key, value, state.values[key]))
    },
  })
}

function expiredError(state: InstanceState, key: string): Error {
  const className = state.instance.constructor.name
  if (state.deferred?.has(key)) return NotLoadedError.forDeferredColumn(className, key)
  return state.session === undefined ? DetachedInstanceError.cannotReload(className, key) : NotLoadedError.forExpiredColumn(className, key)
}
