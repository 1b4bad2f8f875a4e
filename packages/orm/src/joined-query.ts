import { type AnyColumn, ArgumentError, type Condition, type Expression, type OrderByNode, type ResultColumn, Select, type SelectNode, alias, and, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import type { InstanceLoader } from './instance-loader'
import { type InstanceState, stateOf } from './instance-state'
import type { LoadNode } from './load-tree'
import { polymorphicSelectionOf } from './polymorphic-selection'
import { createCollection } from './relationship-events'

/** Columns of a source by property key: a table, an alias or a subquery's `.c`. */
type ColumnsByKey = Readonly<Record<string, Expression<unknown>>>

/** A relationship filled from the main query's rows: its columns are labelled `athanor_j<n>_<key>`. */
interface JoinedEntry {
  readonly node: LoadNode
  /** -1 for the root object. */
  readonly parent: number
  readonly prefix: string
}

/** The main query of a load with joinedload / containsEager, and how to read its rows. */
export interface JoinedQuery {
  readonly statement: Select<unknown>
  readonly entries: readonly JoinedEntry[]
  /** The nodes it loads (the other strategies run after it). */
  readonly handled: ReadonlySet<LoadNode>
}

/**
 * Adds the LEFT OUTER JOINs of joinedload (and the columns of containsEager's own joins) to a
 * query. A query with LIMIT/OFFSET is wrapped as a subquery first, so that the limit counts
 * parent rows, not joined rows; its ORDER BY is carried out to the wrapper for plain columns.
 *
 * ```ts
 * joinedQueryOf(select(User), mapperOf(User), tree) // select users.*, j1.* from users left join posts j1 on …
 * ```
 */
export function joinedQueryOf(statement: Select<unknown>, root: EntityMapper, tree: ReadonlyMap<string, LoadNode>, rootPrefix = ''): JoinedQuery | undefined {
  const chain: { node: LoadNode; parent: number }[] = []
  const visit = (level: ReadonlyMap<string, LoadNode>, parent: number): void => {
    for (const node of level.values()) {
      if (node.strategy !== 'joined' && node.strategy !== 'containsEager') continue
      chain.push({ node, parent })
      visit(node.children, chain.length - 1)
    }
  }
  visit(tree, -1)
  if (chain.length === 0) return undefined
  // An aliased target table would miss the columns a joined-table subclass keeps in its other tables.
  for (const { node } of chain) {
    if (node.strategy === 'joined' && polymorphicSelectionOf(node.property.target) !== undefined) {
      throw new ArgumentError(`joinedload("${node.property.key}"): the rows of ${node.property.target.className} span several tables (joined-table inheritance); load it with selectinload("${node.property.key}").`)
    }
  }
  const isLimited = statement.node.limit !== undefined || statement.node.offset !== undefined
  const mustWrap = isLimited && chain.some((link) => link.node.strategy === 'joined')
  if (mustWrap && chain.some((link) => link.node.strategy === 'containsEager')) {
    throw new ArgumentError(`select(${root.className}): containsEager cannot be combined with joinedload on a query with LIMIT/OFFSET (the joined query is wrapped as a subquery).`)
  }
  let base = statement
  let rootColumns = (root.levels === undefined ? root.table.c : Object.fromEntries(root.columnByKey)) as ColumnsByKey
  if (mustWrap) {
    const wrapped = statement.subquery('athanor_root')
    // The subquery's columns are keyed like the rows (`users_id` in `select(User, Post)`); joins name them by property key.
    const wrappedColumns = wrapped.c as unknown as ColumnsByKey
    rootColumns = Object.fromEntries(root.columns.map((column) => [column.key, wrappedColumns[`${rootPrefix}${column.key}`]]))
    base = select(wrapped) as Select<unknown>
    const orderBy = statement.node.orderBy.flatMap((term) => carryOrder(term, statement.node.columns, wrappedColumns))
    base = withNode({ ...base.node, orderBy: Object.freeze(orderBy) })
  }
  const sources: ColumnsByKey[] = []
  const extra: ResultColumn[] = []
  const entries: JoinedEntry[] = []
  chain.forEach((link, index) => {
    const { property } = link.node
    const parentColumns = link.parent === -1 ? rootColumns : sources[link.parent]
    const prefix = `athanor_j${index + 1}_`
    let target: ColumnsByKey
    if (link.node.strategy === 'containsEager') {
      target = (link.node.source ?? property.target.table).c as ColumnsByKey
    } else {
      const targetAlias = alias(property.target.table, `athanor_j${index + 1}`)
      target = targetAlias.c as ColumnsByKey
      if (property.secondary) {
        const secondary = alias(property.secondary.table, `athanor_j${index + 1}s`)
        const secondaryColumns = secondary.c as ColumnsByKey
        base = base.leftJoin(secondary, conjoin(property.secondary.parentPairs.map((pair) => secondaryColumns[pair.referencing.key].eq(parentColumns[pair.referenced.key]))))
        base = base.leftJoin(targetAlias, conjoin(property.secondary.targetPairs.map((pair) => target[pair.referenced.key].eq(secondaryColumns[pair.referencing.key]))))
      } else if (property.direction === 'manyToOne') {
        base = base.leftJoin(targetAlias, conjoin(property.pairs.map((pair) => target[pair.referenced.key].eq(parentColumns[pair.referencing.key]))))
      } else {
        base = base.leftJoin(targetAlias, conjoin(property.pairs.map((pair) => target[pair.referencing.key].eq(parentColumns[pair.referenced.key]))))
      }
    }
    sources.push(target)
    const labels = property.target.columns.map((column) => target[column.key].label(`${prefix}${column.key}`))
    extra.push(...select(...labels).node.columns)
    entries.push({ node: link.node, parent: link.parent, prefix })
  })
  // Collections keep their relationship's order: ORDER BY …, then each joined collection's terms on its alias.
  const collectionOrder = chain.flatMap((link, index) => (link.node.strategy === 'joined' ? collectionOrderOf(link.node, sources[index]) : []))
  const joined = withNode({ ...base.node, columns: Object.freeze([...base.node.columns, ...extra]), orderBy: Object.freeze([...base.node.orderBy, ...collectionOrder]) })
  return { statement: joined, entries, handled: new Set(chain.map((link) => link.node)) }
}

/**
 * Turns the joined rows into objects: the root object of each row (undefined where its key is
 * NULL; repeated across the rows of a joined collection) and, per entry, each parent's collection
 * or scalar. The root's columns are keyed `rootPrefix + key`.
 *
 * ```ts
 * const users = new Set(readJoinedRows(instances, mapperOf(User), query, rows))
 * ```
 */
export function readJoinedRows(instances: InstanceLoader, root: EntityMapper, query: JoinedQuery, rows: readonly Record<string, unknown>[], rootPrefix = ''): (object | undefined)[] {
  const roots: (object | undefined)[] = []
  const found = query.entries.map(() => new Map<InstanceState, Set<object>>())
  // A class of a joined-table hierarchy also reads its subclasses' columns (LEFT JOINed by select(Class)).
  const rootKeys = (polymorphicSelectionOf(root)?.columns ?? root.columns).map((column) => column.key)
  for (const row of rows) {
    const rootObject = instances.loadOne(root, pick(row, rootKeys, rootPrefix))
    roots.push(rootObject)
    if (rootObject === undefined) continue
    const objects: (object | undefined)[] = []
    query.entries.forEach((entry, index) => {
      const parent = entry.parent === -1 ? rootObject : objects[entry.parent]
      if (parent === undefined) {
        objects.push(undefined)
        return
      }
      const target = entry.node.property.target
      const child = instances.loadOne(target, pick(row, target.columns.map((column) => column.key), entry.prefix))
      objects.push(child)
      const parentState = stateOf(parent)
      let items = found[index].get(parentState)
      if (items === undefined) found[index].set(parentState, (items = new Set()))
      if (child !== undefined) items.add(child)
    })
  }
  query.entries.forEach((entry, index) => {
    const { property } = entry.node
    for (const [state, items] of found[index]) {
      state.related.set(property.key, property.isList ? createCollection(state, property, items) : (items.values().next().value ?? null))
      state.history?.delete(property.key)
    }
  })
  return roots
}

/** The values of `keys` from a row whose columns are keyed `prefix + key`, keyed by `key`. */
export function pick(row: Readonly<Record<string, unknown>>, keys: readonly string[], prefix: string): Record<string, unknown> {
  const picked: Record<string, unknown> = {}
  for (const key of keys) picked[key] = row[`${prefix}${key}`]
  return picked
}

function conjoin(conditions: readonly Condition[]): Condition {
  return conditions.length === 1 ? conditions[0] : and(...conditions)
}

// The wrapper orders by the subquery's columns: a term on a selected column (labelled or not, as
// `users.id as users_id` in `select(User, Post)`) is re-pointed at it by its row key.
function carryOrder(term: OrderByNode, selected: readonly ResultColumn[], columns: ColumnsByKey): OrderByNode[] {
  const expression = term.expression
  if (expression.kind !== 'ColumnNode') return []
  const column = selected.find((candidate) => candidate.expression === expression || (candidate.expression.kind === 'LabelNode' && candidate.expression.expression === expression))
  return column === undefined ? [] : [Object.freeze({ ...term, expression: columns[column.key].node })]
}

function collectionOrderOf(node: LoadNode, columns: ColumnsByKey): OrderByNode[] {
  const { property } = node
  return property.orderBy.flatMap((term) => {
    const ordering: OrderByNode = term.node.kind === 'OrderByNode' ? term.node : Object.freeze({ kind: 'OrderByNode', expression: term.node, direction: undefined, nulls: undefined })
    const expression = ordering.expression
    const column = expression.kind === 'ColumnNode' ? property.target.columns.find((candidate: AnyColumn) => candidate.node === expression) : undefined
    // Only terms on the target's own columns can be re-pointed at the alias.
    return column === undefined ? [] : [Object.freeze({ ...ordering, expression: columns[column.key].node })]
  })
}

function withNode(node: SelectNode): Select<unknown> {
  return new Select(Object.freeze(node))
}
