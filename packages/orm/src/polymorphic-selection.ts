import { type AnyColumn, type AnyTable, ENTITY_SELECTION, type EntitySelection, type JoinNode, and } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import { MappingError } from './errors/mapping-error'
import type { TableLevel } from './table-level'

// Selections change when a subclass joins a hierarchy: each is cached with the mapping generation it was built in.
let generation = 0
const cache = new WeakMap<EntityMapper, { readonly generation: number; readonly selection: EntitySelection | undefined }>()

/**
 * What `select(Class)` reads for a class of a joined-table hierarchy, "with_polymorphic" style, in
 * one statement: its own tables INNER JOINed to the root table (`select(Manager)` reads only
 * managers), and the tables of its subclasses LEFT OUTER JOINed, so that a query on the base
 * class returns each row as its subclass with the subclass's columns loaded. Undefined for a class
 * that reads one table (Core then selects `Class.table`).
 *
 * ```ts
 * polymorphicSelectionOf(mapperOf(Employee)) // employees.*, managers.budget, engineers.language + two LEFT JOINs
 * ```
 */
export function polymorphicSelectionOf(mapper: EntityMapper): EntitySelection | undefined {
  const cached = cache.get(mapper)
  if (cached !== undefined && cached.generation === generation) return cached.selection
  const selection = buildSelection(mapper)
  cache.set(mapper, { generation, selection })
  return selection
}

/**
 * Marks the root class of a hierarchy that has joined-table subclasses, so that Core's
 * `select(Class)` asks for the selection of whichever class of the hierarchy it is given (the
 * static getter is inherited by the subclasses). Called by `mapper()` for each joined subclass.
 *
 * ```ts
 * installPolymorphicSelection(mapperOf(Employee), findMapper)
 * ```
 */
export function installPolymorphicSelection(root: EntityMapper, findMapper: (entity: unknown) => EntityMapper | undefined): void {
  generation += 1
  if (Object.prototype.hasOwnProperty.call(root.entity, ENTITY_SELECTION)) return
  Object.defineProperty(root.entity, ENTITY_SELECTION, {
    configurable: true,
    get(this: unknown): EntitySelection | undefined {
      const mapped = findMapper(this)
      return mapped === undefined ? undefined : polymorphicSelectionOf(mapped)
    },
  })
}

function buildSelection(mapper: EntityMapper): EntitySelection | undefined {
  const own = mapper.levels ?? []
  const descendants = [...new Set(mapper.polymorphicMap?.values() ?? [])].filter((each) => each !== mapper && inheritsFrom(each, mapper))
  const extra = new Map<AnyTable, TableLevel>()
  for (const descendant of descendants) for (const level of (descendant.levels ?? []).slice(Math.max(own.length, 1))) extra.set(level.table, level)
  if (own.length === 0 && extra.size === 0) return undefined
  const root = mapper.primaryKey
  const joinOf = (joinType: 'inner' | 'left', level: TableLevel): JoinNode => {
    const conditions = level.keyPairs.map((pair, index) => pair.column.eq(root[index] as never))
    const on = conditions.length === 1 ? conditions[0] : and(...conditions)
    return Object.freeze({ kind: 'JoinNode', joinType, source: level.table.node, on: on.node })
  }
  const columns: AnyColumn[] = [...mapper.columns]
  const keys = new Set(columns.map((column) => column.key))
  for (const level of extra.values()) {
    for (const column of level.columns) {
      if (level.keyPairs.some((pair) => pair.column === column && pair.rootKey === column.key)) continue
      if (keys.has(column.key)) throw MappingError.invalid(mapper.className, `two tables of its subclasses have a column keyed "${column.key}" (${level.table.name} is one); a polymorphic query cannot tell them apart. Give one another key.`)
      keys.add(column.key)
      columns.push(column)
    }
  }
  return Object.freeze({
    columns: Object.freeze(columns),
    joins: Object.freeze([...own.slice(1).map((level) => joinOf('inner', level)), ...[...extra.values()].map((level) => joinOf('left', level))]),
  })
}

function inheritsFrom(mapper: EntityMapper, ancestor: EntityMapper): boolean {
  for (let each = mapper.base; each !== undefined; each = each.base) if (each === ancestor) return true
  return false
}
