import { ENTITY_TABLE, entityOfResultColumn, isEntityItem, select } from '../index'
import { users } from '../../test/fixtures'

// What the ORM's Model(table) looks like to Core: a class carrying its table under `table`, marked with ENTITY_TABLE.
class UserEntity {
  static readonly table = users
  static readonly [ENTITY_TABLE] = users
  declare id: number
}

describe('select() of a mapped class (entity)', () => {
  it('selects the table’s columns, keyed by property name, like select(table)', () => {
    const statement = select(UserEntity)
    expect(statement.node.columns.map((column) => column.key)).toEqual(select(users).node.columns.map((column) => column.key))
    expect(statement.node.columns.map((column) => column.expression)).toEqual(select(users).node.columns.map((column) => column.expression))
  })

  it('records the entity on each result column (plain columns have none)', () => {
    const statement = select(UserEntity).where(users.c.id.eq(1)).orderBy(users.c.name)
    expect(statement.node.columns.map(entityOfResultColumn)).toEqual(statement.node.columns.map(() => UserEntity))
    expect(select(users.c.id).node.columns.map(entityOfResultColumn)).toEqual([undefined])
  })

  it('recognises entities by the ENTITY_TABLE mark, not by shape', () => {
    expect(isEntityItem(UserEntity)).toBe(true)
    expect(isEntityItem(users)).toBe(false)
    expect(isEntityItem({ table: users, [ENTITY_TABLE]: users })).toBe(false) // not a class
    expect(isEntityItem(class { static readonly table = users })).toBe(false)
  })
})
