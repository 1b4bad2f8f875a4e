import { ArgumentError, ENTITY_TABLE, type EntityResultColumn, entityOfResultColumn, func, isEntityItem, select } from '../index'
import { posts, users } from '../../test/fixtures'

// What the ORM's Model(table) looks like to Core: a class carrying its table under `table`, marked with ENTITY_TABLE.
class UserEntity {
  static readonly table = users
  static readonly [ENTITY_TABLE] = users
  declare id: number
}
class PostEntity {
  static readonly table = posts
  static readonly [ENTITY_TABLE] = posts
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

describe('select() of several entities (entity groups)', () => {
  it('keys each entity’s columns apart with its table name, labelled so in SQL', () => {
    const statement = select(UserEntity, PostEntity)
    const keys = statement.node.columns.map((column) => column.key)
    expect(keys).toEqual([...users.columns.map((column) => `users_${column.key}`), ...posts.columns.map((column) => `posts_${column.key}`)])
    expect(statement.node.columns[0].expression).toEqual({ kind: 'LabelNode', expression: users.c.id.node, name: 'users_id' })
  })

  it('records one group per entity item, with the property key of each column', () => {
    const columns = select(UserEntity, PostEntity, UserEntity).node.columns as readonly EntityResultColumn[]
    const groups = [...new Set(columns.map((column) => column.group))]
    expect(groups.map((group) => [group.entity, group.prefix])).toEqual([
      [UserEntity, 'users_'],
      [PostEntity, 'posts_'],
      [UserEntity, 'users_2_'],
    ])
    expect(columns.filter((column) => column.group === groups[1]).map((column) => column.propertyKey)).toEqual(posts.columns.map((column) => column.key))
  })

  it('keeps a lone entity’s keys unprefixed, next to columns too', () => {
    const statement = select(UserEntity, func.count(posts.c.id).label('n'))
    expect(statement.node.columns.map((column) => column.key)).toEqual([...users.columns.map((column) => column.key), 'n'])
  })

  it('joins a mapped class by its table', () => {
    const statement = select(UserEntity, PostEntity).join(PostEntity, posts.c.userId.eq(users.c.id))
    expect(statement.node.joins.map((join) => join.source)).toEqual([posts.node])
    expect(select(UserEntity).from(PostEntity).node.from).toEqual([posts.node])
  })

  it('still rejects plain columns that share a key, and a table next to an entity', () => {
    expect(() => select(users.c.id, posts.c.id)).toThrow(/keyed "id".*label/)
    expect(() => select(UserEntity, posts.c.id)).toThrow(/keyed "id"/)
    expect(() => select(UserEntity, posts)).toThrow(ArgumentError)
    expect(() => select(UserEntity, posts)).toThrow(/next to a mapped class/)
  })
})
