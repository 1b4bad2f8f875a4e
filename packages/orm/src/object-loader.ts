import { type AnyColumn, ArgumentError, type Connection, type EntityItem, NoResultFound, select } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import type { InstanceLoader } from './instance-loader'
import type { InstanceState } from './instance-state'
import { matchOne } from './key-conditions'
import { mapperOfState } from './mapper'
import { RelationshipLoader } from './relationship-loader'
import type { RelationshipProperty } from './relationship-property'
import type { UnitOfWork } from './unit-of-work'

/**
 * The queries behind `session.get` and `session.refresh`: one row by primary key, made into (or
 * merged into) the session's object, and relationships loaded on demand.
 */
export class ObjectLoader {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly instances: InstanceLoader,
  ) {}

  /**
   * The object for a primary key, read with a SELECT (expired columns of an object already in the
   * identity map are filled in); undefined when there is no such row.
   *
   * ```ts
   * await objects.byKey(connection, mapperOf(User), [1])
   * ```
   */
  async byKey(connection: Connection, mapper: EntityMapper, key: readonly unknown[]): Promise<object | undefined> {
    const row = await this.selectRow(connection, mapper, key)
    return row === undefined ? undefined : this.instances.loadOne(mapper, row)
  }

  /**
   * Splits attribute names into columns and relationships, checking each exists (all columns when
   * none are named): done before any await, so a typo fails fast.
   */
  attributesOf(state: InstanceState, attributes: readonly string[] | undefined): { columns: string[]; relationships: RelationshipProperty[] } {
    const mapper = mapperOfState(state)
    const columns = attributes === undefined ? mapper.columns.map((column) => column.key) : attributes.filter((key) => mapper.columnByKey.has(key))
    const relationships = (attributes ?? [])
      .filter((key) => !mapper.columnByKey.has(key))
      .map((key) => {
        const property = mapper.relationship(key)
        if (property === undefined) throw new ArgumentError(`refresh(): ${mapper.className} has no column or relationship "${key}".`)
        return property
      })
    return { columns, relationships }
  }

  /**
   * Reloads columns (their unflushed changes and expiry dropped) and relationships of one object.
   *
   * ```ts
   * await objects.refresh(connection, stateOf(user), objects.attributesOf(stateOf(user), ["posts"]))
   * ```
   */
  async refresh(connection: Connection, state: InstanceState, attributes: { columns: readonly string[]; relationships: readonly RelationshipProperty[] }): Promise<void> {
    const mapper = mapperOfState(state)
    if (attributes.columns.length > 0) {
      const row = await this.selectRow(connection, mapper, mapper.primaryKeyKeys.map((key) => state.values[key]))
      if (row === undefined) throw new NoResultFound(`refresh(): the row of this ${mapper.className} no longer exists.`)
      for (const key of attributes.columns) {
        state.values[key] = row[key]
        state.original?.delete(key)
        state.expired?.delete(key)
        state.deferred?.delete(key)
      }
    }
    for (const property of attributes.relationships) await this.relationships(connection).load([state], property)
  }

  /** A loader of relationships on this connection. */
  relationships(connection: Connection): RelationshipLoader {
    return new RelationshipLoader(connection, this.uow, this.instances)
  }

  private async selectRow(connection: Connection, mapper: EntityMapper, key: readonly unknown[]): Promise<Record<string, unknown> | undefined> {
    let statement = select(mapper.entity as unknown as EntityItem).where(matchOne(mapper.primaryKey, key))
    // A subclass reads only its rows (and its subclasses'): get(Manager, 3) finds no Engineer 3.
    if (mapper.base !== undefined && mapper.polymorphicKey !== undefined) statement = statement.where((mapper.columnByKey.get(mapper.polymorphicKey) as AnyColumn).in(mapper.polymorphicIdentities()))
    return (await connection.execute(statement)).first() as Record<string, unknown> | undefined
  }
}
