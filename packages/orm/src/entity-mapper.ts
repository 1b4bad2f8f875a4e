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
