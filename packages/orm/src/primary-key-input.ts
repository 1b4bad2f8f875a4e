import { ArgumentError } from '@athanor/core'
import type { PrimaryKeyInput } from './entity'
import type { EntityMapper } from './entity-mapper'

/** A key as `session.get` takes it (a value, an array or an object), as values in primary key order; throws ArgumentError for an incomplete key. */
export function primaryKeyValues(mapper: EntityMapper, key: PrimaryKeyInput): unknown[] {
  const keys = mapper.primaryKeyKeys
  let values: unknown[]
  if (Array.isArray(key)) values = [...key]
  else if (typeof key === 'object' && key !== null) values = keys.map((name) => (key as Record<string, unknown>)[name])
  else values = [key]
  if (values.length !== keys.length || values.some((value) => value === undefined || value === null)) {
    throw new ArgumentError(`get(${mapper.className}): the primary key is (${keys.join(', ')}); give ${keys.length === 1 ? 'its value' : 'all of its values, as an array or an object'}.`)
  }
  return values
}
