import { ENTITY_SELECTION, ENTITY_TABLE, type EntitySelection, type JoinNode, entityOfResultColumn, select } from '../index'
import { posts, users } from '../../test/fixtures'

// What the ORM makes of a class whose rows span two tables (joined-table inheritance): its
// ENTITY_SELECTION names the columns of both and the join that brings in the second.
const join: JoinNode = Object.freeze({ kind: 'JoinNode', joinType: 'inner', source: posts.node, on: posts.c.userId.eq(users.c.id).node })
class SpanningEntity {
  static readonly table = posts
  static readonly [ENTITY_TABLE] = posts
  static get [ENTITY_SELECTION](): EntitySelection {
    return { columns: [users.c.id, users.c.name, posts.c.title], joins: [join] }
  }
}

describe('select() of a mapped class with an ENTITY_SELECTION', () => {
  it('selects the selection’s columns, recording the entity, and adds its joins', () => {
    const statement = select(SpanningEntity).where(posts.c.title.eq('x'))
    expect(statement.node.columns.map((column) => column.key)).toEqual(['id', 'name', 'title'])
    expect(statement.node.columns.map(entityOfResultColumn)).toEqual([SpanningEntity, SpanningEntity, SpanningEntity])
    expect(statement.node.joins).toEqual([join])
  })

  it('adds no join for other items', () => {
    expect(select(users).node.joins).toEqual([])
    expect(select(users.c.id, posts.c.title).node.joins).toEqual([])
  })
})
