import { alias, func, select } from '../index'
import { posts, users } from '../../test/fixtures'

const ids = select(users.c.id)
const authorIds = select(posts.c.userId)

describe('compound selects', () => {
  it('grow flat while the operators read the same either way', () => {
    const statement = ids.union(authorIds).except(select(posts.c.id)).unionAll(ids)
    expect(statement.node.first).toBe(ids.node)
    expect(statement.node.members.map((member) => member.operator)).toEqual(['union', 'except', 'union all'])
  })

  it('nest the union before an intersect, which binds tighter on PostgreSQL and MySQL', () => {
    const statement = ids.union(authorIds).intersect(select(posts.c.id))
    expect(statement.node.first.kind).toBe('CompoundSelectNode')
    expect(statement.node.members).toHaveLength(1)
    expect(ids.intersect(authorIds).intersect(ids).node.members).toHaveLength(2)
  })

  it('nest a compound that has its own limit before adding members', () => {
    const limited = ids.union(authorIds).limit(1)
    const statement = limited.union(ids)
    expect(statement.node.first).toBe(limited.node)
  })

  it('leave their parents unchanged', () => {
    const base = ids.union(authorIds)
    const snapshot = JSON.stringify(base.node)
    base.orderBy(users.c.id).limit(3).offset(1).union(ids)
    expect(JSON.stringify(base.node)).toBe(snapshot)
    expect(Object.isFrozen(base.node.members)).toBe(true)
  })
})

describe('subqueries, CTEs and aliases', () => {
  it('expose the query row keys as columns qualified by the name', () => {
    const counts = select({ userId: posts.c.userId, n: func.count() }).groupBy(posts.c.userId).subquery('counts')
    expect(Object.keys(counts.c)).toEqual(['userId', 'n'])
    expect(counts.c.n.node).toMatchObject({ kind: 'ColumnNode', name: 'n', table: { kind: 'SubqueryNode', name: 'counts' } })
    const author = alias(users, 'author')
    expect(author.c.email.node).toMatchObject({ kind: 'ColumnNode', name: 'email', table: { kind: 'AliasNode', name: 'author' } })
    expect(author.c.email.table).toBe(users.node)
  })

  it('unite a CTE under its own name', () => {
    const tree = select(users.c.id).cte('tree', { recursive: true })
    const all = tree.unionAll(select(users.c.id).join(tree, tree.c.id.eq(users.c.id)))
    expect(all.name).toBe('tree')
    expect(all.node.isRecursive).toBe(true)
    expect(all.node.query.kind).toBe('CompoundSelectNode')
    expect(tree.node.query.kind).toBe('SelectNode')
  })

  it('refuse a scalar or IN subquery of several columns', () => {
    expect(() => select(users.c.id, users.c.name).scalarSubquery()).toThrow(/exactly one column, not 2/)
    expect(() => users.c.id.in(select(users.c.id, users.c.name) as never)).toThrow(/exactly one column, not 2/)
  })

})
