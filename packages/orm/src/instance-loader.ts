import type { EntityMapper } from './entity-mapper'
import { attachState, InstanceState } from './instance-state'
import type { UnitOfWork } from './unit-of-work'

/**
 * Turns rows into mapped objects through the identity map: a row whose object is already in the
 * session gives back that same object, with its unflushed changes untouched (only expired
 * columns are filled in from the row); other rows become new persistent objects.
 */
export class InstanceLoader {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * One object per row (undefined for a row without a primary key, e.g. from an outer join).
   *
   * ```ts
   * loader.load(mapperOf(User), rows) // [User, User, …]
   * ```
   */
  load(mapper: EntityMapper, rows: readonly Record<string, unknown>[]): object[] {
    const objects: object[] = []
    for (const row of rows) {
      const found = this.loadOne(mapper, row)
      if (found !== undefined) objects.push(found)
    }
    return objects
  }

  /** The object for one row (the row object becomes its value store when it is new). */
  loadOne(mapper: EntityMapper, row: Record<string, unknown>): object | undefined {
    const identity = mapper.identityOf(row)
    if (identity === undefined) return undefined
    const existing = this.uow.identityMap.get(identity)
    if (existing !== undefined) {
      existing.refreshExpired(row)
      return existing.instance
    }
    // Single-table inheritance: the discriminator picks the subclass.
    const actual = mapper.mapperForRow(row)
    const instance = Object.create(actual.entity.prototype as object) as object
    const state = new InstanceState(instance, row)
    attachState(instance, state)
    state.identity = identity
    state.mapper = actual
    state.session = this.uow
    this.uow.identityMap.add(state)
    return instance
  }
}
