import { type AnyAlias, type AnyTable, ArgumentError } from '@athanor/core'
import { ColumnOption } from './column-options'
import type { EntityMapper } from './entity-mapper'
import { LoaderOption, type LoaderStrategy } from './loader-options'
import type { LoadingStrategy } from './relationship'
import type { RelationshipProperty } from './relationship-property'

/** One relationship to load for the objects of the level above, and what to load under it. */
export interface LoadNode {
  readonly property: RelationshipProperty
  readonly strategy: LoaderStrategy
  readonly source: AnyTable | AnyAlias | undefined
  readonly children: Map<string, LoadNode>
}

const DEFAULT_STRATEGIES: Readonly<Record<LoadingStrategy, LoaderStrategy | undefined>> = {
  select: undefined,
  selectin: 'selectin',
  joined: 'joined',
  subquery: 'subquery',
  raise: 'raise',
}

/**
 * The relationships a query loads, as a tree: the statement's loader options (checked against
 * the mappers: an unknown name throws ArgumentError naming the class), then each relationship's
 * default (`lazy: "selectin"`) where no option names it. Defaults do not follow a relationship
 * already on the path, so `lazy` on both sides of a pair does not loop.
 *
 * ```ts
 * loadTreeOf(mapperOf(User), [selectinload("posts").selectinload("tags")]) // Map { posts → { tags } }
 * ```
 */
export function loadTreeOf(root: EntityMapper, options: readonly object[]): Map<string, LoadNode> {
  const tree = new Map<string, LoadNode>()
  for (const option of options) {
    if (option instanceof ColumnOption) continue
    if (!(option instanceof LoaderOption)) throw new ArgumentError(`select(${root.className}).options(): expected loader options (selectinload("…"), joinedload("…"), …) or column options (loadOnly, defer, undefer).`)
    let level = tree
    let mapper = root
    for (const step of option.path) {
      const property = mapper.relationship(step.key)
      if (property === undefined) throw unknownRelationship(mapper, step.key)
      let node = level.get(step.key)
      if (node === undefined) {
        node = { property, strategy: step.strategy, source: step.source, children: new Map() }
        level.set(step.key, node)
      }
      level = node.children
      mapper = property.target
    }
  }
  addDefaults(root, tree, [])
  return tree
}

function addDefaults(mapper: EntityMapper, level: Map<string, LoadNode>, path: readonly RelationshipProperty[]): void {
  for (const property of mapper.relationships) {
    const strategy = DEFAULT_STRATEGIES[property.lazy]
    if (strategy === undefined || level.has(property.key) || path.includes(property) || (property.partner !== undefined && path.includes(property.partner))) continue
    level.set(property.key, { property, strategy, source: undefined, children: new Map() })
  }
  for (const node of level.values()) {
    if (node.strategy === 'lazy' || node.strategy === 'raise') continue
    addDefaults(node.property.target, node.children, [...path, node.property])
  }
}

function unknownRelationship(mapper: EntityMapper, key: string): ArgumentError {
  const known = mapper.relationships.map((property) => `"${property.key}"`)
  return new ArgumentError(`Loader option: ${mapper.className} has no relationship "${key}" (its relationships: ${known.length > 0 ? known.join(', ') : 'none'}).`)
}
