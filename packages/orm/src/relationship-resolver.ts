import type { AnyColumn, AnyTable } from '@athanor/core'
import { DEFAULT_CASCADE, parseCascade } from './cascade-options'
import type { EntityMapper } from './entity-mapper'
import { MappingError } from './errors/mapping-error'
import { type ForeignKey, foreignKeysOf, refersTo } from './foreign-keys'
import type { Relationship } from './relationship'
import type { ColumnPair, RelationshipDirection, RelationshipProperty, SecondaryJoin } from './relationship-property'

/**
 * Works out a declared relationship's join from the tables' foreign keys: which side holds the key
 * (the direction), which columns pair up, and for many-to-many the association table's two keys.
 *
 * ```ts
 * resolveRelationship(userMapper, "posts", relationship(() => Post), mapperOf).direction // "oneToMany"
 * ```
 */
export function resolveRelationship(
  parent: EntityMapper,
  key: string,
  declared: Relationship<object>,
  lookup: (entity: unknown) => EntityMapper,
): RelationshipProperty {
  const name = `${parent.className}.${key}`
  const targetClass = declared.target()
  if (targetClass === undefined) throw MappingError.invalid(name, 'the target thunk returned undefined; is the target class defined yet?')
  const target = lookup(targetClass)
  const options = declared.options
  const orderBy = options.orderBy === undefined ? [] : isList(options.orderBy) ? options.orderBy : [options.orderBy]
  const join = options.secondary ? resolveSecondary(name, parent, target, options.secondary, options.foreignKeys) : resolveDirect(name, parent, target, declared)
  const isManyToOne = join.direction === 'manyToOne'
  return {
    key,
    name,
    parent,
    target,
    direction: join.direction,
    isList: join.direction === 'manyToMany' || (join.direction === 'oneToMany' && options.uselist !== false),
    pairs: join.pairs,
    secondary: join.secondary,
    cascade: parseCascade(options.cascade ?? DEFAULT_CASCADE, name),
    orderBy,
    passiveDeletes: options.passiveDeletes ?? false,
    postUpdate: options.postUpdate ?? false,
    lazy: options.lazy ?? 'select',
    backPopulates: options.backPopulates,
    keyColumns: isManyToOne ? keyColumnsOf(join.pairs, target) : undefined,
    partner: undefined,
  }
}

interface Join {
  readonly direction: RelationshipDirection
  readonly pairs: readonly ColumnPair[]
  readonly secondary: SecondaryJoin | undefined
}

function resolveDirect(name: string, parent: EntityMapper, target: EntityMapper, declared: Relationship<object>): Join {
  const { foreignKeys, remoteSide } = declared.options
  const isSelfReferential = parent.table === target.table
  const candidates: { key: ForeignKey; isHeldByParent: boolean }[] = []
  for (const key of foreignKeysOf(parent.table)) if (refersTo(key, target.table)) candidates.push({ key, isHeldByParent: true })
  if (!isSelfReferential) for (const key of foreignKeysOf(target.table)) if (refersTo(key, parent.table)) candidates.push({ key, isHeldByParent: false })
  const chosen = foreignKeys ? candidates.filter((c) => c.key.columns.every((column) => foreignKeys.includes(column))) : candidates
  if (chosen.length === 0) {
    if (foreignKeys && candidates.length > 0) throw MappingError.invalid(name, 'foreignKeys names no foreign key between the two tables.')
    throw MappingError.noForeignKey(name, parent.table.name, target.table.name)
  }
  if (chosen.length > 1) throw MappingError.ambiguousForeignKeys(name, chosen.map((c) => describeKey(c.key, c.isHeldByParent ? parent.table : target.table)))
  const { key, isHeldByParent } = chosen[0]
  const pairs = key.columns.map((referencing, index) => ({ referencing, referenced: key.referenced[index] }))
  return { direction: directionOf(name, isSelfReferential, isHeldByParent, key, remoteSide), pairs, secondary: undefined }
}

// A self-referential key is held by both "sides"; as in SQLAlchemy it is one-to-many unless
// remoteSide names the referenced (key) columns, which makes it many-to-one.
function directionOf(name: string, isSelfReferential: boolean, isHeldByParent: boolean, key: ForeignKey, remoteSide: AnyColumn | readonly AnyColumn[] | undefined): RelationshipDirection {
  if (!isSelfReferential) return isHeldByParent ? 'manyToOne' : 'oneToMany'
  if (remoteSide === undefined) return 'oneToMany'
  const remote = isList(remoteSide) ? remoteSide : [remoteSide]
  if (remote.every((column) => key.referenced.includes(column))) return 'manyToOne'
  if (remote.every((column) => key.columns.includes(column))) return 'oneToMany'
  throw MappingError.invalid(name, 'remoteSide must name the referenced columns (many-to-one) or the foreign key columns (one-to-many) of the self-referential key.')
}

function resolveSecondary(name: string, parent: EntityMapper, target: EntityMapper, table: AnyTable, foreignKeys: readonly AnyColumn[] | undefined): Join {
  const keys = foreignKeysOf(table)
  const toParent = keys.filter((key) => refersTo(key, parent.table))
  const toTarget = keys.filter((key) => refersTo(key, target.table))
  let parentKey: ForeignKey | undefined
  let targetKey: ForeignKey | undefined
  if (parent.table === target.table) {
    // Both keys point at the same table: foreignKeys says which one is the parent's.
    if (!foreignKeys) throw MappingError.invalid(name, `a self-referential many-to-many needs { foreignKeys: [...] } naming the ${table.name} column(s) that point at the parent.`)
    parentKey = toParent.find((key) => key.columns.every((column) => foreignKeys.includes(column)))
    targetKey = toTarget.find((key) => key !== parentKey)
  } else {
    const pick = (list: ForeignKey[], side: AnyTable): ForeignKey => {
      const chosen = foreignKeys ? list.filter((key) => key.columns.every((column) => foreignKeys.includes(column))) : list
      if (chosen.length === 0) throw MappingError.noForeignKey(name, table.name, side.name)
      if (chosen.length > 1) throw MappingError.ambiguousForeignKeys(name, chosen.map((key) => describeKey(key, table)))
      return chosen[0]
    }
    parentKey = pick(toParent, parent.table)
    targetKey = pick(toTarget, target.table)
  }
  if (!parentKey || !targetKey) throw MappingError.noForeignKey(name, table.name, parent.table.name)
  const pairsOf = (key: ForeignKey): ColumnPair[] => key.columns.map((referencing, index) => ({ referencing, referenced: key.referenced[index] }))
  const secondary: SecondaryJoin = { table, parentPairs: pairsOf(parentKey), targetPairs: pairsOf(targetKey) }
  return { direction: 'manyToMany', pairs: [], secondary }
}

// The foreign key columns in the order of the target's primary key, when the key references exactly that primary key.
function keyColumnsOf(pairs: readonly ColumnPair[], target: EntityMapper): readonly AnyColumn[] | undefined {
  if (pairs.length !== target.primaryKey.length) return undefined
  // A joined-table subclass is referenced through its own table's key, which equals the root key.
  const ownKey = target.levels?.at(-1)?.keyPairs.map((keyPair) => keyPair.column) ?? []
  const ordered: AnyColumn[] = []
  for (const [index, keyColumn] of target.primaryKey.entries()) {
    const pair = pairs.find((p) => p.referenced === keyColumn || p.referenced === ownKey[index])
    if (!pair) return undefined
    ordered.push(pair.referencing)
  }
  return ordered
}

function describeKey(key: ForeignKey, table: AnyTable): string {
  return `${table.name}.(${key.columns.map((column) => column.key).join(', ')}) → ${key.referencedTable.name}`
}

function isList<T>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value)
}
