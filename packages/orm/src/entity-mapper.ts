import type { AnyColumn, AnyTable } from '@athanor/core'
import type { EntityClass } from './entity'
import { type IdentityKey, identityKeyOf } from './identity-key'
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
  /** The version column's property key (`mapper(X, {}, { versionColumn })`): optimistic locking. */
  versionKey: string | undefined = undefined
  /** Single-table inheritance: the mapper of the class this one inherits from. */
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
  ) {
    const table = entity.table
    this.className = entity.name || 'AnonymousModel'
    this.table = table
    this.tableKey = table.schema ? `${table.schema}.${table.name}` : table.name
    this.columns = table.columns
    this.columnByKey = new Map(table.columns.map((column) => [column.key, column]))
    this.primaryKey = table.primaryKey
    this.primaryKeyKeys = table.primaryKey.map((column) => column.key)
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
    if (keys.length === 1) return identityKeyOf(this.tableKey, [values[keys[0]]])
    return identityKeyOf(this.tableKey, keys.map((key) => values[key]))
  }
}
