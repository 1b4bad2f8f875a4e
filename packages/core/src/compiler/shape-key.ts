import type { StatementNode } from '../nodes/node'
import type { ValueNode } from '../nodes/value-node'

/** A statement's shape (everything but its bound values) as a string, and those values in walk order. */
export interface StatementShape {
  readonly key: string
  readonly values: readonly ValueNode[]
}

// Nodes are frozen data, so the key of a subtree without bound values never changes: it is
// remembered by identity, and shared parts (columns, tables, result columns, joins) are walked
// once however many statements reuse them.
const rememberedKeys = new WeakMap<object, string>()
// Only objects likely to be shared are looked up: a lookup on every node costs more than it saves.
const REMEMBERED_KINDS: ReadonlySet<string | undefined> = new Set([undefined, 'ColumnNode', 'TableNode', 'AliasNode', 'JoinNode'])

// SqlTypes are compared by identity: one frozen object per column definition.
const typeIds = new WeakMap<object, number>()
let nextTypeId = 1

function typeKey(type: unknown): string {
  if (type === undefined || type === null) return '_'
  let id = typeIds.get(type as object)
  if (id === undefined) {
    id = nextTypeId++
    typeIds.set(type as object, id)
  }
  return `t${id}`
}

/**
 * Walks a statement's nodes generically (they are plain frozen objects) and writes every kind,
 * name, operator and type into a key, replacing each bound value with `?`. Two statements with the
 * same key compile to the same SQL, so the key can find a compiled form built for other values.
 */
export function shapeOf(node: StatementNode): StatementShape {
  const values: ValueNode[] = []
  const key = keyOf(node, values)
  return { key, values }
}

function keyOf(value: unknown, values: ValueNode[]): string {
  if (value === undefined || value === null) return '_'
  switch (typeof value) {
    case 'string':
      return `${value.length}'${value}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value)
    case 'object':
      break
    default:
      // Functions (e.g. an entity class an ORM attaches) are told apart by identity.
      return typeKey(value)
  }
  if (Array.isArray(value)) {
    let key = '['
    for (let index = 0; index < value.length; index++) key += `${keyOf(value[index], values)},`
    return `${key}]`
  }
  const node = value as { readonly kind?: string; readonly [property: string]: unknown }
  if (node.kind === 'ValueNode') {
    values.push(node as unknown as ValueNode)
    return `?${typeKey(node.type)}`
  }
  const isRemembered = REMEMBERED_KINDS.has(node.kind)
  if (isRemembered) {
    const remembered = rememberedKeys.get(node)
    if (remembered !== undefined) return remembered
  }
  const valueCount = values.length
  // A node kind has a fixed set of properties, so its values are written by position; plain
  // objects without a kind (result columns, frame bounds, …) also get their property names.
  const hasKind = node.kind !== undefined
  let key = '{'
  for (const property in node) {
    const child = node[property]
    if (!hasKind) key += property
    key += property === 'type' ? `${typeKey(child)};` : `${keyOf(child, values)};`
  }
  key += '}'
  if (isRemembered && values.length === valueCount && Object.isFrozen(node)) rememberedKeys.set(node, key)
  return key
}
