import type { AnyColumn, AnyTable } from '@athanor/core'
import type { EntityClass } from './entity'
import { type IdentityKey, identityKeyOf, identityKeyOfOne } from './identity-key'
import { type TableLevel, joinedLevelOf, ownColumnsOf, tableLevelOf } from './table-level'
import type { Relationship } from './relationship'
import type { RelationshipProperty } from './relationship-property'

/**
 * How one class is mapped: its table, its primary key, its relationships. Made by `mapper()`, or
 * on first use for a `Model(table)` class that has no relationships.
 */
export class EntityMapper {
  readonly className: string
  readonly table: AnyTable
  /** The table's qualified name: the prefix of identity keys. */
  readonly tableKey: string
  readonly columns: readonly AnyColumn[]
  readonly columnByKey: ReadonlyMap<string, AnyColumn>
  readonly primaryKey: readonly AnyColumn[]
  readonly primaryKeyKeys: readonly string[]
  /** The tables a row of this class lives in, the hierarchy's root table first: `[table]` but for joined-table inheritance. */
  readonly tables: readonly AnyTable[]
  /** Joined-table inheritance: how each of `tables` is written (undefined when the class has one table). */
  readonly levels: readonly TableLevel[] | undefined
  /** The version column's property key (`mapper(X, {}, { versionColumn })`): optimistic locking. */
  versionKey: string | undefined = undefined
  /** Inheritance: the mapper of the class this one inherits from. */
  base: EntityMapper | undefined = undefined
  /** The discriminator column's property key, shared by a hierarchy (`polymorphicOn`). */
  polymorphicKey: string | undefined = undefined
  /** The discriminator value of this class's rows (`polymorphicIdentity`). */
  polymorphicIdentity: unknown = undefined
  /** The hierarchy's mappers by discriminator value; shared by every mapper of the hierarchy. */
  polymorphicMap: Map<unknown, EntityMapper> | undefined = undefined
  private properties: ReadonlyMap<string, RelationshipProperty> | undefined
  private propertyList: readonly RelationshipProperty[] = []

  constructor(
    readonly entity: EntityClass,
    /** The relationships as declared, resolved on first use. */
    readonly declared: Readonly<Record<string, Relationship<object>>>,
    private readonly configure: () => void,
    /** The mapper of the class this one inherits from (`mapper(X, {}, { inherits })`), for its tables. */
    inherits?: EntityMapper,
  ) {
    const table = entity.table
    this.className = entity.name || 'AnonymousModel'
    this.table = table
    if (inherits !== undefined && (inherits.levels !== undefined || inherits.table !== table)) {
      // Joined-table inheritance: the key and identity are the root table's; the columns, all the tables'.
      this.levels = inherits.table === table ? inherits.levels : [...(inherits.levels ?? [tableLevelOf(inherits.table)]), joinedLevelOf(this.className, inherits, table)]
      this.tables = (this.levels as readonly TableLevel[]).map((level) => level.table)
      this.tableKey = inherits.tableKey
      this.columns = inherits.table === table ? inherits.columns : [...inherits.columns, ...ownColumnsOf(this.className, inherits, table)]
      this.primaryKey = inherits.primaryKey
    } else {
      this.levels = undefined
      this.tables = [table]
      this.tableKey = table.schema ? `${table.schema}.${table.name}` : table.name
      this.columns = table.columns
      this.primaryKey = table.primaryKey
    }
    this.columnByKey = new Map(this.columns.map((column) => [column.key, column]))
    this.primaryKeyKeys = this.primaryKey.map((column) => column.key)
  }

  /** True once the relationships are resolved. */
  get isConfigured(): boolean {
    return this.properties !== undefined
  }

  /** The resolved relationships (configuring every pending mapper on first call). */
  get relationships(): readonly RelationshipProperty[] {
    if (this.properties === undefined) this.configure()
    return this.propertyList
  }

  /** One resolved relationship by attribute name. */
  relationship(key: string): RelationshipProperty | undefined {
    if (this.properties === undefined) this.configure()
    return this.properties?.get(key)
  }

  /** The mapper for a row: the subclass its discriminator names (this mapper when there is none). */
  mapperForRow(row: Readonly<Record<string, unknown>>): EntityMapper {
    if (this.polymorphicKey === undefined || this.polymorphicMap === undefined) return this
    return this.polymorphicMap.get(row[this.polymorphicKey]) ?? this
  }

  /** The discriminator values of this class and its subclasses (to filter a query on a subclass). */
  polymorphicIdentities(): unknown[] {
    const identities: unknown[] = []
    for (const [identity, mapped] of this.polymorphicMap ?? []) {
      for (let each: EntityMapper | undefined = mapped; each !== undefined; each = each.base) if (each === this) identities.push(identity)
    }
    return identities
  }

  /** Called by the configuration step once the joins are worked out. */
  setRelationships(properties: readonly RelationshipProperty[]): void {
    this.properties = new Map(properties.map((property) => [property.key, property]))
    this.propertyList = Object.freeze([...properties])
  }

  /** The identity key of the row these column values describe; undefined while part of the key is unknown. */
  identityOf(values: Readonly<Record<string, unknown>>): IdentityKey | undefined {
    const keys = this.primaryKeyKeys
    if (keys.length === 1) return identityKeyOfOne(this.tableKey, values[keys[0]])
    return identityKeyOf(this.tableKey, keys.map((key) => values[key]))
  }
}
