import type { ExpressionNode } from './expression-node'
import type { FromNode } from './from-node'
import type { JoinNode } from './join-node'
import type { OrderByNode } from './order-by-node'
import type { ResultColumn } from './result-column'

/** FOR UPDATE: which rows' locks to take, and what to do when another transaction holds them. */
export interface ForUpdateClause {
  /** `wait` (the default), `nowait` (fail at once) or `skip locked` (leave locked rows out). */
  readonly waitPolicy: 'wait' | 'nowait' | 'skip locked'
  /** FOR UPDATE OF: lock only these sources' rows; empty means all. */
  readonly of: readonly FromNode[]
}

/** A SELECT statement. Every updater returns a new node and shares the unchanged parts. */
export interface SelectNode {
  readonly kind: 'SelectNode'
  readonly columns: readonly ResultColumn[]
  readonly from: readonly FromNode[]
  readonly joins: readonly JoinNode[]
  readonly where: ExpressionNode | undefined
  readonly groupBy: readonly ExpressionNode[]
  readonly having: ExpressionNode | undefined
  readonly orderBy: readonly OrderByNode[]
  readonly limit: ExpressionNode | undefined
  readonly offset: ExpressionNode | undefined
  readonly isDistinct: boolean
  /** DISTINCT ON (…), PostgreSQL only. */
  readonly distinctOn: readonly ExpressionNode[]
  readonly forUpdate: ForUpdateClause | undefined
  /**
   * Options for a layer above Core (the ORM's loader options), kept opaque: the compiler ignores
   * them (they never change the SQL); the shape key includes them, walked like any other data.
   */
  readonly options: readonly object[]
}

const EMPTY: readonly never[] = Object.freeze([])

export const selectNode = (columns: readonly ResultColumn[], from: readonly FromNode[]): SelectNode =>
  Object.freeze({
    kind: 'SelectNode',
    columns: Object.freeze([...columns]),
    from: Object.freeze([...from]),
    joins: EMPTY,
    where: undefined,
    groupBy: EMPTY,
    having: undefined,
    orderBy: EMPTY,
    limit: undefined,
    offset: undefined,
    isDistinct: false,
    distinctOn: EMPTY,
    forUpdate: undefined,
    options: EMPTY,
  })

// Every SelectNode is built with the same properties in the same order (one hidden class for V8,
// and the order the shape key walks): a copy names them all rather than spreading the old node.
function update(node: SelectNode, changes: Partial<Omit<SelectNode, 'kind'>>): SelectNode {
  const next: { -readonly [K in keyof SelectNode]: SelectNode[K] } = {
    kind: 'SelectNode',
    columns: node.columns,
    from: node.from,
    joins: node.joins,
    where: node.where,
    groupBy: node.groupBy,
    having: node.having,
    orderBy: node.orderBy,
    limit: node.limit,
    offset: node.offset,
    isDistinct: node.isDistinct,
    distinctOn: node.distinctOn,
    forUpdate: node.forUpdate,
    options: node.options,
  }
  return Object.freeze(Object.assign(next, changes))
}

export const withFrom = (node: SelectNode, from: readonly FromNode[]): SelectNode => update(node, { from: Object.freeze([...node.from, ...from]) })
export const withJoin = (node: SelectNode, join: JoinNode): SelectNode => update(node, { joins: Object.freeze([...node.joins, join]) })
export const withWhere = (node: SelectNode, where: ExpressionNode | undefined): SelectNode => update(node, { where })
export const withGroupBy = (node: SelectNode, groupBy: readonly ExpressionNode[]): SelectNode =>
  update(node, { groupBy: Object.freeze([...node.groupBy, ...groupBy]) })
export const withHaving = (node: SelectNode, having: ExpressionNode | undefined): SelectNode => update(node, { having })
export const withOrderBy = (node: SelectNode, orderBy: readonly OrderByNode[]): SelectNode =>
  update(node, { orderBy: Object.freeze([...node.orderBy, ...orderBy]) })
export const withLimit = (node: SelectNode, limit: ExpressionNode): SelectNode => update(node, { limit })
export const withOffset = (node: SelectNode, offset: ExpressionNode): SelectNode => update(node, { offset })
export const withDistinct = (node: SelectNode): SelectNode => update(node, { isDistinct: true })
export const withDistinctOn = (node: SelectNode, distinctOn: readonly ExpressionNode[]): SelectNode =>
  update(node, { distinctOn: Object.freeze([...node.distinctOn, ...distinctOn]) })
export const withForUpdate = (node: SelectNode, forUpdate: ForUpdateClause): SelectNode =>
  update(node, { forUpdate: Object.freeze({ waitPolicy: forUpdate.waitPolicy, of: Object.freeze([...forUpdate.of]) }) })
export const withOptions = (node: SelectNode, options: readonly object[]): SelectNode =>
  update(node, { options: Object.freeze([...node.options, ...options]) })
