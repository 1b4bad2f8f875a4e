import { ENTITY_TABLE, deleteFrom, insert, select, update } from '../index'
import { shapeOf } from '../compiler/shape-key'
import { users } from '../../test/fixtures'

class UserEntity {
  static readonly table = users
  static readonly [ENTITY_TABLE] = users
  declare id: number
}

describe('options for the ORM, opaque to Core', () => {
  it('select().options() keeps options on the node without changing the SQL shape of the rest', () => {
    const option = Object.freeze({ kind: 'SomeOption', path: ['posts'] })
    const plain = select(users).where(users.c.id.eq(1))
    const withOptions = plain.options(option).options(option)
    expect(withOptions.node.options).toEqual([option, option])
    expect(plain.node.options).toEqual([])
    expect({ ...withOptions.node, options: [] }).toEqual({ ...plain.node, options: [] })
    // Equal options give equal shapes, so the compiled statement is shared.
    expect(shapeOf(select(users).options(Object.freeze({ kind: 'SomeOption', path: ['posts'] })).node).key).toBe(shapeOf(select(users).options(option).node).key)
  })

  it('insert / update / deleteFrom take a mapped class for its table, and record it on UPDATE and DELETE', () => {
    expect(insert(UserEntity).values({ name: 'ada', email: 'a@example.com' }).node.table).toBe(users.node)
    expect(update(UserEntity).values({ name: 'x' }).node.entity).toBe(UserEntity)
    expect(update(users).values({ name: 'x' }).node.entity).toBeUndefined()
    expect(deleteFrom(UserEntity).where(users.c.id.eq(1)).node.entity).toBe(UserEntity)
  })
})
