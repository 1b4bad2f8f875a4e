import { isEntityItem, type TableNode } from '@athanor/core'
import type { EntityClass } from './entity'
import { EntityMapper } from './entity-mapper'
import { MappingError } from './errors/mapping-error'
import { UnmappedClassError } from './errors/unmapped-class-error'
import { foreignKeysOf } from './foreign-keys'
import type { InstanceState } from './instance-state'
import type { Relationship } from './relationship'
import { installRelationshipAccessors } from './relationship-attribute'
import type { RelationshipProperty } from './relationship-property'
import { resolveRelationship } from './relationship-resolver'
import { installPolymorphicSelection } from './polymorphic-selection'
import { isJoinedSubclass } from './subclass'

/** The element type of an attribute: `Post` for `Post[]`, `User` for `User | null`. */
type RelatedOf<V> = V extends readonly (infer E)[] ? E : Exclude<V, null | undefined>

/**
 * The relationships `mapper()` accepts for a class: each key must be an attribute declared on the
 * class (`declare posts: Post[]`) whose element type is the relationship's target.
 */
export type RelationshipMap<T> = { readonly [K in keyof T]?: Relationship<Extract<RelatedOf<T[K]>, object>> }

/** Options of `mapper(Class, relationships, options)`. */
export interface MapperOptions<T> {
  /**
   * An integer column for optimistic locking: set to 1 on INSERT, incremented by every UPDATE,
   * which (like every DELETE) matches the row only if it still has the version the object was
   * loaded with; otherwise the flush throws `StaleDataError` and writes nothing.
   */
  readonly versionColumn?: keyof T & string
  /** Inheritance, on the base class: the discriminator column that says which class a row is. */
  readonly polymorphicOn?: keyof T & string
  /** The discriminator value of this class's rows (written on INSERT): `polymorphicIdentity: "manager"`. */
  readonly polymorphicIdentity?: string | number
  /**
   * Inheritance, on a subclass: the mapped base class, mapped first. Single-table when the
   * subclass has the base's table (`class Manager extends Employee`), joined-table when it has a
   * table of its own (`class Manager extends Subclass(Employee, { table: managers })`).
   */
  readonly inherits?: EntityClass<object>
}

const mappers = new Map<unknown, EntityMapper>()
const unconfigured: EntityMapper[] = []

/**
 * Maps a `Model(table)` class with its relationships (a class without relationships needs no
 * call). Call it once per class, after the classes are defined and before they are used.
 *
 * ```ts
 * mapper(User, { posts: relationship(() => Post, { backPopulates: "author", cascade: "all, delete-orphan" }) })
 * mapper(Document, {}, { versionColumn: "version" })
 * mapper(Employee, {}, { polymorphicOn: "type", polymorphicIdentity: "employee" })
 * mapper(Manager, {}, { inherits: Employee, polymorphicIdentity: "manager" }) // Manager extends Subclass(Employee, { table: managers })
 * ```
 */
export function mapper<T extends object>(entity: EntityClass<T>, relationships: RelationshipMap<T> = {}, options: MapperOptions<T> = {}): void {
  if (!isEntityItem(entity)) throw UnmappedClassError.forClass(entity)
  if (mappers.has(entity)) throw MappingError.alreadyMapped(entity.name)
  const declared = relationships as unknown as Readonly<Record<string, Relationship<object>>>
  const table = entity.table
  for (const key of Object.keys(declared)) {
    if (table.c[key] !== undefined) throw MappingError.invalid(`${entity.name}.${key}`, 'is a column of the table; give the relationship an attribute name of its own.')
  }
  const versionColumn = options.versionColumn === undefined ? undefined : table.c[options.versionColumn]
  if (options.versionColumn !== undefined && versionColumn === undefined) throw MappingError.invalid(`${entity.name}`, `versionColumn "${options.versionColumn}" is not a column of ${table.name}.`)
  const created = register(entity, declared, options.inherits === undefined ? undefined : mappers.get(options.inherits))
  created.versionKey = options.versionColumn
  configureInheritance(created, options)
  installRelationshipAccessors(entity.prototype, created, Object.keys(declared))
}

function configureInheritance(created: EntityMapper, options: { readonly polymorphicOn?: string; readonly polymorphicIdentity?: string | number; readonly inherits?: EntityClass<object> }): void {
  const name = created.className
  if (options.inherits !== undefined) {
    const base = mappers.get(options.inherits)
    if (base === undefined || base.polymorphicMap === undefined) throw MappingError.invalid(name, `inherits ${options.inherits.name}, which must be mapped first with { polymorphicOn, polymorphicIdentity }.`)
    if (!Object.prototype.isPrototypeOf.call(options.inherits.prototype, created.entity.prototype)) throw MappingError.invalid(name, `must extend ${options.inherits.name} (class ${name} extends ${options.inherits.name}).`)
    if (options.polymorphicIdentity === undefined) throw MappingError.invalid(name, 'a subclass needs its own polymorphicIdentity.')
    created.base = base
    created.versionKey ??= base.versionKey
    created.polymorphicKey = base.polymorphicKey
    created.polymorphicMap = base.polymorphicMap
    if (created.levels !== undefined) installPolymorphicSelection(rootOf(base), findMapper)
  } else if (options.polymorphicOn !== undefined) {
    if (created.table.c[options.polymorphicOn] === undefined) throw MappingError.invalid(name, `polymorphicOn "${options.polymorphicOn}" is not a column of ${created.table.name}.`)
    created.polymorphicKey = options.polymorphicOn
    created.polymorphicMap = new Map()
  } else {
    return
  }
  if (options.polymorphicIdentity !== undefined) (created.polymorphicMap as Map<unknown, EntityMapper>).set(options.polymorphicIdentity, created)
  created.polymorphicIdentity = options.polymorphicIdentity
}

function rootOf(mapped: EntityMapper): EntityMapper {
  let root = mapped
  while (root.base !== undefined) root = root.base
  return root
}

/** True when `key` is a relationship declared for the class or a mapped base class. */
export function isDeclaredRelationship(entity: unknown, key: string): boolean {
  for (let mapped = mappers.get(entity); mapped !== undefined; mapped = mapped.base) if (mapped.declared[key] !== undefined) return true
  return false
}

/** The mapper of a class, mapping a relationship-less `Model(table)` class on first use. */
export function mapperOf(entity: unknown): EntityMapper {
  const found = mappers.get(entity)
  if (found !== undefined) return found
  if (!isEntityItem(entity) || typeof entity !== 'function') throw UnmappedClassError.forClass(entity)
  if (isJoinedSubclass(entity)) {
    const name = (entity as { readonly name: string }).name
    throw MappingError.invalid(name, `is a joined-table subclass; map it with mapper(${name}, {}, { inherits: BaseClass, polymorphicIdentity }) before using it.`)
  }
  return register(entity as unknown as EntityClass, {})
}

/** The mapper registered for a class, without mapping it. */
export function findMapper(entity: unknown): EntityMapper | undefined {
  return mappers.get(entity)
}

/** The mapper of the class mapped onto a table (for bulk statements on `update(User)`), if any. */
export function findMapperOfTable(table: TableNode): EntityMapper | undefined {
  for (const mapped of mappers.values()) if (mapped.table.node === table) return mapped
  return undefined
}

/** The mapper of an object's class, cached on its state. */
export function mapperOfState(state: InstanceState): EntityMapper {
  return (state.mapper ??= mapperOf(state.instance.constructor))
}

/**
 * Resolves the relationships of every mapper not configured yet (joins from foreign keys, then
 * the backPopulates pairs). Runs by itself on first use; call it to surface mapping errors early.
 *
 * ```ts
 * configureMappers() // throws MappingError for an ambiguous join
 * ```
 */
export function configureMappers(): void {
  const batch: EntityMapper[] = []
  // Resolving may map target classes on first use; those join the batch.
  while (unconfigured.length > 0) {
    const next = unconfigured.shift() as EntityMapper
    // A subclass shares its base class's relationships (the same properties), so the base goes first.
    if (next.base !== undefined && !next.base.isConfigured) {
      unconfigured.push(next)
      continue
    }
    const own = Object.entries(next.declared).map(([key, declared]) => resolveRelationship(next, key, declared, mapperOf))
    next.setRelationships(next.base === undefined ? own : [...next.base.relationships, ...own])
    batch.push(next)
  }
  for (const configured of batch) for (const property of configured.relationships) if (property.parent === configured) linkPartner(property)
}

/**
 * The tables that some mapped table or association table points at with a foreign key. Rows of
 * other tables are never referenced by mapped rows, so the flush may delete them first.
 */
export function referencedTables(): ReadonlySet<TableNode> {
  const referenced = new Set<TableNode>()
  for (const mapped of mappers.values()) {
    const tables = [...mapped.tables, ...(mapped.isConfigured ? mapped.relationships.flatMap((property) => (property.secondary ? [property.secondary.table] : [])) : [])]
    for (const table of tables) for (const key of foreignKeysOf(table)) referenced.add(key.referencedTable)
  }
  return referenced
}

function register(entity: EntityClass, declared: Readonly<Record<string, Relationship<object>>>, inherits?: EntityMapper): EntityMapper {
  const created = new EntityMapper(entity, declared, configureMappers, inherits)
  mappers.set(entity, created)
  unconfigured.push(created)
  return created
}

// backPopulates pairs are inverse: many-to-one with one-to-many, many-to-many with many-to-many.
function linkPartner(property: RelationshipProperty): void {
  if (property.backPopulates === undefined || property.partner !== undefined) return
  const partner = property.target.relationship(property.backPopulates)
  const fail = (reason: string): never => {
    throw MappingError.badBackPopulates(property.name, property.backPopulates as string, reason)
  }
  if (partner === undefined) return fail(`is not a relationship of ${property.target.className}`)
  if (partner.target !== property.parent) return fail(`points at ${partner.target.className}, not ${property.parent.className}`)
  if (partner.backPopulates !== undefined && partner.backPopulates !== property.key) return fail(`names "${partner.backPopulates}" as its own backPopulates`)
  const isInverse =
    (property.direction === 'manyToMany' && partner.direction === 'manyToMany') ||
    (property.direction === 'manyToOne' && partner.direction === 'oneToMany') ||
    (property.direction === 'oneToMany' && partner.direction === 'manyToOne')
  if (!isInverse) {
    const hint = property.parent === property.target ? '; mark the many-to-one side with { remoteSide: table.c.id }' : ''
    return fail(`is ${partner.direction} like ${property.name} (${property.direction}); the two sides must be inverse${hint}`)
  }
  property.partner = partner
  partner.partner = property
}
