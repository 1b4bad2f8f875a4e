import type { StatementNode } from '../nodes/node'
import type { ValueNode } from '../nodes/value-node'

/** A statement's shape (everything but its bound values) as a number, and those values in walk order. */
export interface StatementShape {
  /** Equal for two statements exactly when they compile to the same SQL, whatever their values. */
  readonly key: number
  readonly values: readonly ValueNode[]
}

// Every subtree's shape gets a token, a positive integer, from a trie: a node's path through the
// trie starts at its kind and takes one step per property, keyed by what the property holds — a
// string as is, a child subtree by its token, a bound value or a type by the (negative) id of the
// type. Each step is one Map lookup on a number or on a string whose hash V8 has already cached,
// so no key string is ever built, hashed or compared, and two subtrees get the same token exactly
// when they have the same shape (no hash collisions).
type StepKey = string | number | boolean | undefined | null | bigint | object
interface TrieNode {
  token: number
  readonly next: Map<StepKey, TrieNode>
}

let root = new Map<StepKey, TrieNode>()
let nextToken = 1
let trieSize = 0
// Past this many trie nodes (e.g. raw SQL texts built per call) the trie starts over. Tokens are
// never reused, so templates cached under old tokens are simply no longer found.
const MAX_TRIE_NODES = 500_000

// Nodes are frozen data, so the token of a subtree without bound values never changes: it is
// remembered by identity, and shared parts (columns, tables, result columns) are walked once
// however many statements reuse them.
let rememberedTokens = new WeakMap<object, number>()
// Only objects likely to be shared are looked up: a lookup on every node costs more than it saves.
const REMEMBERED_KINDS: ReadonlySet<string | undefined> = new Set([undefined, 'ColumnNode', 'TableNode', 'AliasNode'])

// Lists that many statements share; see `shareShape`. Short lists are cheaper to walk than to look up.
const sharedLists = new WeakSet<readonly unknown[]>()
const SHARED_LIST_LENGTH = 3

/**
 * Marks a frozen list without bound values that many statements will share (the select list of
 * `select(table)`): its shape token is then remembered instead of walked each time.
 */
export function shareShape(list: readonly unknown[]): void {
  if (Object.isFrozen(list) && list.length >= SHARED_LIST_LENGTH) sharedLists.add(list)
}

// Types (and functions, e.g. an entity class an ORM attaches) are compared by identity.
const identityIds = new WeakMap<object, number>()
let nextIdentityId = 1
const VALUE_WITHOUT_TYPE = -0.5
const LIST = '['
const PLAIN_OBJECT = '{'

function identityId(value: object): number {
  let id = identityIds.get(value)
  if (id === undefined) {
    id = -nextIdentityId++
    identityIds.set(value, id)
  }
  return id
}

const numberKeys = new Map<number, object>()

function numberKeyOf(value: number): object {
  let key = numberKeys.get(value)
  if (key === undefined) {
    key = Object.freeze({ number: value })
    numberKeys.set(value, key)
  }
  return key
}

function step(level: Map<StepKey, TrieNode>, key: StepKey): TrieNode {
  let node = level.get(key)
  if (node === undefined) {
    node = { token: 0, next: new Map() }
    level.set(key, node)
    trieSize++
  }
  return node
}

function tokenAt(node: TrieNode): number {
  if (node.token === 0) node.token = nextToken++
  return node.token
}

/**
 * Walks a statement's nodes generically (they are plain frozen objects) and follows every kind,
 * name, operator and type into its shape, replacing each bound value with its type. Two statements
 * with the same key compile to the same SQL, so the key finds a compiled form built for other values.
 */
export function shapeOf(node: StatementNode): StatementShape {
  if (trieSize > MAX_TRIE_NODES) {
    root = new Map()
    rememberedTokens = new WeakMap()
    numberKeys.clear()
    trieSize = 0
  }
  const values: ValueNode[] = []
  const key = tokenOf(node as unknown as Readonly<Record<string, unknown>>, values)
  return { key, values }
}

/** What one property value contributes to its parent's path. */
function stepKeyOf(value: unknown, values: ValueNode[]): StepKey {
  switch (typeof value) {
    case 'object':
      break
    // Child tokens and type ids are numbers, so a number written in a node stands for itself
    // through an object of its own: no token, id or string can be equal to it.
    case 'number':
      return numberKeyOf(value)
    case 'function':
      return identityId(value)
    default:
      return value as StepKey
  }
  if (value === null) return null
  if ((value as { kind?: unknown }).kind === 'ValueNode') {
    values.push(value as ValueNode)
    const type = (value as ValueNode).type
    return type === undefined ? VALUE_WITHOUT_TYPE : identityId(type)
  }
  return tokenOf(value as Readonly<Record<string, unknown>>, values)
}

function tokenOf(node: Readonly<Record<string, unknown>>, values: ValueNode[]): number {
  if (Array.isArray(node)) {
    // Lists marked as shared (a table's select list) remember their token; other lists are built
    // per statement, and remembering them would cost more than it saves.
    const isShared = node.length >= SHARED_LIST_LENGTH && sharedLists.has(node)
    if (isShared) {
      const remembered = rememberedTokens.get(node)
      if (remembered !== undefined) return remembered
    }
    const valueCount = values.length
    let level = step(root, LIST)
    for (let index = 0; index < node.length; index++) level = step(level.next, stepKeyOf(node[index], values))
    const token = tokenAt(level)
    // A list holding bound values is walked every time, so that its values are collected.
    if (isShared && values.length === valueCount) rememberedTokens.set(node, token)
    return token
  }
  const kind = node.kind as string | undefined
  const isRemembered = REMEMBERED_KINDS.has(kind)
  if (isRemembered) {
    const remembered = rememberedTokens.get(node)
    if (remembered !== undefined) return remembered
  }
  const valueCount = values.length
  // A node kind has a fixed set of properties, so its values are followed by position; plain
  // objects without a kind (result columns, frame bounds, …) also step through their property names.
  let level = step(root, kind === undefined ? PLAIN_OBJECT : kind)
  for (const property in node) {
    if (property === 'kind') continue
    if (kind === undefined) level = step(level.next, property)
    const child = node[property]
    level = step(level.next, property === 'type' && child !== undefined && child !== null ? identityId(child) : stepKeyOf(child, values))
  }
  const token = tokenAt(level)
  if (isRemembered && values.length === valueCount && Object.isFrozen(node)) rememberedTokens.set(node, token)
  return token
}
