import { type AnyColumn, type Connection, type EntityItem, type EntityResultColumn, type ParameterSet, Select, and, select } from '@athanor/core'
import { deferredKeysOf, withoutDeferred } from './column-options'
import type { EntityMapper } from './entity-mapper'
import type { InstanceLoader } from './instance-loader'
import { type InstanceState, stateOf } from './instance-state'
import { joinedQueryOf, pick, readJoinedRows } from './joined-query'
import { type LoadNode, loadTreeOf } from './load-tree'
import { PARENT_KEY_PREFIX, RelationshipLoader } from './relationship-loader'
import type { RelationshipProperty } from './relationship-property'
import type { UnitOfWork } from './unit-of-work'

type Rows = Record<string, unknown>[]

/** The rows of a query run by `EagerLoader.loadRows`, with the object each row holds of the loaded entity. */
export interface LoadedRows {
  readonly rows: Rows
  /** Per row, the entity's object; undefined where its primary key is NULL (the outer side of an outer join). */
  readonly roots: readonly (object | undefined)[]
  /** True when joinedload / containsEager filled relationships from these rows (objects repeat across rows). */
  readonly isJoined: boolean
  /** A collection joinedload repeats each object once per related row (`Class.relationship`), if any. */
  readonly joinedCollection: string | undefined
}

/**
 * Runs an ORM query with its loader options: the main query (with the LEFT OUTER JOINs of
 * joinedload, if any), then level by level the relationships loaded with their own statements —
 * selectinload (`WHERE key IN (…)` per batch), subqueryload (the level above's query joined as a
 * subquery) — and marks raiseload relationships. Statements: 1 for the main query, plus 1 per
 * selectin/subquery level (more only when IN batches exceed the driver's parameter limit).
 *
 * ```ts
 * const users = await new EagerLoader(connection, uow, instances).load(select(User).options(selectinload("posts")), mapperOf(User))
 * ```
 */
export class EagerLoader {
  private readonly relationships: RelationshipLoader
  private subqueryCount = 0

  constructor(
    private readonly connection: Connection,
    uow: UnitOfWork,
    private readonly instances: InstanceLoader,
  ) {
    this.relationships = new RelationshipLoader(connection, uow, instances)
  }

  /** The query's objects (one per row; unique when joinedload added rows), with the relationships its options name loaded. */
  async load(statement: Select<unknown>, mapper: EntityMapper, prefix = '', params?: ParameterSet): Promise<object[]> {
    const loaded = await this.loadRows(statement, mapper, prefix, params)
    const roots = loaded.roots.filter((root): root is object => root !== undefined)
    return loaded.isJoined ? [...new Set(roots)] : roots
  }

  /**
   * Runs the query with its loader options for one entity of its select list, the one whose
   * columns are keyed `prefix + key` (the first of `select(User, Post)`), and returns the rows with
   * that entity's object in each.
   */
  async loadRows(statement: Select<unknown>, mapper: EntityMapper, prefix: string, params?: ParameterSet): Promise<LoadedRows> {
    const tree = loadTreeOf(mapper, statement.node.options)
    const deferred = deferredKeysOf(mapper, statement.node.options)
    statement = withoutDeferred(statement, deferred, prefix)
    // A query on a subclass of a single-table hierarchy reads only its rows (and its subclasses').
    if (mapper.base !== undefined && mapper.polymorphicKey !== undefined) statement = statement.where((mapper.columnByKey.get(mapper.polymorphicKey) as AnyColumn).in(mapper.polymorphicIdentities()))
    const joined = joinedQueryOf(statement, mapper, tree, prefix)
    let rows: Rows
    let roots: (object | undefined)[]
    if (joined === undefined) {
      rows = await this.rows(statement, params)
      const keys = statement.node.columns.flatMap((column) => ((column as Partial<EntityResultColumn>).group?.prefix === prefix ? [(column as EntityResultColumn).propertyKey] : []))
      roots = rows.map((row) => this.instances.loadOne(mapper, prefix === '' ? row : pick(row, keys, prefix)))
    } else {
      rows = await this.rows(joined.statement, params)
      roots = readJoinedRows(this.instances, mapper, joined, rows, prefix)
    }
    const rootStates = [...new Set(roots)].filter((root): root is object => root !== undefined).map(stateOf)
    if (deferred.size > 0) for (const state of rootStates) state.defer(deferred)
    await this.loadLevel(rootStates, tree, statement, joined?.handled ?? new Set(), prefix)
    const joinedCollection = joined?.entries.find((entry) => entry.node.strategy === 'joined' && entry.node.property.isList)?.node.property
    return { rows, roots, isJoined: joined !== undefined, joinedCollection: joinedCollection === undefined ? undefined : `${joinedCollection.parent.className}.${joinedCollection.key}` }
  }

  /** Loads the relationships an entity's mapping loads by default (`lazy: "selectin"`, …) for objects a query read. */
  async loadDefaults(objects: readonly object[], mapper: EntityMapper): Promise<void> {
    await this.loadLevel([...new Set(objects)].map(stateOf), loadTreeOf(mapper, []), undefined, new Set())
  }

  private async loadLevel(states: readonly InstanceState[], level: ReadonlyMap<string, LoadNode>, source: Select<unknown> | undefined, handled: ReadonlySet<LoadNode>, sourcePrefix = ''): Promise<void> {
    if (states.length === 0) return
    for (const node of level.values()) {
      const { property } = node
      let nextSource: Select<unknown> | undefined
      if (handled.has(node) || node.strategy === 'lazy') {
        // Loaded by the main query already, or left to an explicit refresh.
      } else if (node.strategy === 'raise') {
        for (const state of states) if (!state.related.has(property.key)) (state.raiseOnRead ??= new Set()).add(property.key)
        continue
      } else if (node.strategy === 'subquery' && source !== undefined) {
        nextSource = this.subqueryStatement(source, property, sourcePrefix)
        this.relationships.assign(states, property, await this.rows(nextSource))
      } else {
        // selectin, and joined / subquery below a level that has no query of its own to join.
        await this.relationships.load(states, property)
      }
      if (node.children.size > 0) await this.loadLevel(relatedStates(states, property), node.children, nextSource, handled)
    }
  }

  // SELECT target.* FROM target JOIN (SELECT DISTINCT key FROM (<the level's query>)) k ON …
  private subqueryStatement(source: Select<unknown>, property: RelationshipProperty, sourcePrefix: string): Select<unknown> {
    const number = ++this.subqueryCount
    const parentSide = property.secondary ? property.secondary.parentPairs.map((pair) => pair.referenced) : property.direction === 'manyToOne' ? property.pairs.map((pair) => pair.referencing) : property.pairs.map((pair) => pair.referenced)
    const levelQuery = new Select(Object.freeze({ ...source.node, options: Object.freeze([]) })).subquery(`athanor_sq${number}`)
    const levelColumns = levelQuery.c as unknown as Record<string, Parameters<typeof select>[0]>
    const keys = (select(...(parentSide.map((column) => (sourcePrefix === '' ? levelColumns[column.key] : (levelColumns[`${sourcePrefix}${column.key}`] as unknown as AnyColumn).label(column.key))) as Parameters<typeof select>)).distinct() as Select<unknown>).subquery(`athanor_k${number}`)
    const keyColumns = keys.c as unknown as Record<string, { readonly node: unknown }>
    const target = property.target.entity as unknown as EntityItem
    const on = (pairs: readonly [AnyExpression, string][]) => and(...pairs.map(([column, key]) => column.eq(keyColumns[key] as never)))
    if (property.secondary) {
      const secondary = property.secondary
      const labels = secondary.parentPairs.map((pair, index) => pair.referencing.label(`${PARENT_KEY_PREFIX}${index}`))
      return select(target, ...labels)
        .from(property.target.table)
        .join(secondary.table, and(...secondary.targetPairs.map((pair) => pair.referencing.eq(pair.referenced))))
        .join(keys, on(secondary.parentPairs.map((pair) => [pair.referencing, pair.referenced.key])))
        .orderBy(...property.orderBy) as Select<unknown>
    }
    const pairs = property.direction === 'manyToOne' ? property.pairs.map((pair): [AnyExpression, string] => [pair.referenced, pair.referencing.key]) : property.pairs.map((pair): [AnyExpression, string] => [pair.referencing, pair.referenced.key])
    return select(target).join(keys, on(pairs)).orderBy(...property.orderBy) as Select<unknown>
  }

  private async rows(statement: Select<unknown>, params?: ParameterSet): Promise<Rows> {
    return (await this.connection.execute(statement, params)).all() as Rows
  }
}

type AnyExpression = RelationshipProperty['pairs'][number]['referenced']

function relatedStates(states: readonly InstanceState[], property: RelationshipProperty): InstanceState[] {
  const found = new Set<InstanceState>()
  for (const state of states) {
    const value = state.related.get(property.key)
    if (Array.isArray(value)) for (const item of value as object[]) found.add(stateOf(item))
    else if (typeof value === 'object' && value !== null) found.add(stateOf(value))
  }
  return [...found]
}
