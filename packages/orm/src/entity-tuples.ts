import type { EntityGroup, EntityResultColumn, ParameterSet, ResultColumn, Select } from '@athanor/core'
import type { EagerLoader } from './eager-loader'
import type { EntityMapper } from './entity-mapper'
import { EntityResult } from './entity-result'
import type { InstanceLoader } from './instance-loader'
import { pick } from './joined-query'
import { mapperOf } from './mapper'

/** One position of a tuple row: an entity's columns (read as one object), or one column's value. */
type TupleElement =
  | { readonly kind: 'entity'; readonly mapper: EntityMapper; readonly prefix: string; readonly keys: string[] }
  | { readonly kind: 'value'; readonly key: string }

/**
 * The positions of a select list's tuple rows: each entity item's columns (kept together by
 * Core as one `EntityGroup`) make one position, each other column one more.
 *
 * ```ts
 * tupleLayoutOf(select(User, func.count().label("n")).node.columns) // [User's columns, "n"]
 * ```
 */
export function tupleLayoutOf(columns: readonly ResultColumn[]): TupleElement[] {
  const elements: TupleElement[] = []
  let previous: EntityGroup | undefined
  for (const column of columns) {
    const { group, propertyKey } = column as Partial<EntityResultColumn>
    if (group === undefined) elements.push({ kind: 'value', key: column.key })
    else if (group === previous) (elements[elements.length - 1] as Extract<TupleElement, { kind: 'entity' }>).keys.push(propertyKey as string)
    else elements.push({ kind: 'entity', mapper: mapperOf(group.entity), prefix: group.prefix, keys: [propertyKey as string] })
    previous = group
  }
  return elements
}

/** True when `session.execute()` reads the statement's rows as tuples: its select list names a mapped class. */
export function hasEntityColumns(columns: readonly ResultColumn[]): boolean {
  return columns.some((column) => (column as Partial<EntityResultColumn>).group !== undefined)
}

/**
 * Runs `select(User, Post, …)` for `session.execute()`: each row becomes a tuple of the session's
 * objects (through the identity map; null where an entity's primary key is all NULL) and plain
 * values. The statement's loader options apply to its first entity (with joinedload of a
 * collection the result must be read through `unique()`); the other entities get their
 * relationships' default loading (`lazy: "selectin"`, …).
 */
export async function loadEntityTuples(loader: EagerLoader, instances: InstanceLoader, statement: Select<unknown>, params: ParameterSet | undefined): Promise<EntityResult<unknown[]>> {
  const layout = tupleLayoutOf(statement.node.columns)
  const rootIndex = layout.findIndex((element) => element.kind === 'entity')
  const root = layout[rootIndex] as Extract<TupleElement, { kind: 'entity' }>
  const loaded = await loader.loadRows(statement, root.mapper, root.prefix, params)
  const others = new Map<number, object[]>()
  const tuples = loaded.rows.map((row, rowIndex) =>
    layout.map((element, index): unknown => {
      if (index === rootIndex) return loaded.roots[rowIndex] ?? null
      if (element.kind === 'value') return row[element.key]
      const found = instances.loadOne(element.mapper, pick(row, element.keys, element.prefix))
      if (found === undefined) return null
      let objects = others.get(index)
      if (objects === undefined) others.set(index, (objects = []))
      objects.push(found)
      return found
    }),
  )
  for (const [index, objects] of others) await loader.loadDefaults(objects, (layout[index] as Extract<TupleElement, { kind: 'entity' }>).mapper)
  const keys = layout.map((element) => (element.kind === 'entity' ? element.mapper.className : element.key))
  const entityPositions = new Set(layout.flatMap((element, index) => (element.kind === 'entity' ? [index] : [])))
  return new EntityResult(tuples, keys, entityPositions, loaded.joinedCollection)
}
