import type { AddedConstraint, ConstraintType, TableSchema } from '@athanor/core'
import { MigrateError } from '../migrate-error'

/**
 * The table's definition with one more constraint: the shape a table rebuild creates when the
 * database cannot ALTER TABLE … ADD CONSTRAINT (SQLite).
 *
 * @example
 * await rebuildTable(sink, withConstraint(live, { type: 'unique', unique: { name: 'uq_users_email', columns: ['email'] } }))
 */
export function withConstraint(schema: TableSchema, constraint: AddedConstraint): TableSchema {
  switch (constraint.type) {
    case 'foreignKey':
      return { ...schema, foreignKeys: [...schema.foreignKeys, constraint.foreignKey] }
    case 'unique':
      return { ...schema, uniques: [...schema.uniques, constraint.unique] }
    case 'check':
      return { ...schema, checks: [...schema.checks, constraint.check] }
  }
}

/**
 * The table's definition without the named constraint; throws when the table has none of that
 * name and type (SQLite keeps only the names given in CREATE TABLE).
 *
 * @example
 * await rebuildTable(sink, withoutConstraint(live, 'fk_posts_author', 'foreignKey'))
 */
export function withoutConstraint(schema: TableSchema, name: string, type: ConstraintType): TableSchema {
  const lists = { foreignKey: schema.foreignKeys, unique: schema.uniques, check: schema.checks } as const
  const list: readonly { readonly name: string | undefined }[] = lists[type]
  if (!list.some((constraint) => constraint.name === name)) throw MigrateError.unknownConstraint(schema.table.name, name)
  const keep = <T extends { readonly name: string | undefined }>(items: readonly T[]): T[] => items.filter((constraint) => constraint.name !== name)
  if (type === 'foreignKey') return { ...schema, foreignKeys: keep(schema.foreignKeys) }
  if (type === 'unique') return { ...schema, uniques: keep(schema.uniques) }
  return { ...schema, checks: keep(schema.checks) }
}
