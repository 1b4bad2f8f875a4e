import { ArgumentError, func, select } from '../index'
import { posts, users } from '../../test/fixtures'


describe('select builders are immutable', () => {
  it('leaves the parent statement unchanged when deriving', () => {
    const base = select(users.c.id, users.c.name)
    const snapshot = JSON.stringify(base.node)
    const derived = base.where(users.c.age.gt(18)).orderBy(users.c.name).limit(10).offset(5).distinct().groupBy(users.c.id)
    expect(JSON.stringify(base.node)).toBe(snapshot)
    expect(derived.node).not.toBe(base.node)
    expect(base.node.where).toBeUndefined()
    expect(derived.node.where).toBeDefined()
  })

  it('shares unchanged parts between parent and child', () => {
    const base = select(users.c.id)
    const derived = base.where(users.c.id.eq(1))
    expect(derived.node.columns).toBe(base.node.columns)
  })

  it('select(table) starts every query from one shared node, which deriving leaves untouched', () => {
    const first = select(users)
    const derived = first.where(users.c.id.eq(1)).orderBy(users.c.name)
    const second = select(users)
    expect(second.node).toBe(first.node)
    expect(second.node.where).toBeUndefined()
    expect(second.node.orderBy).toHaveLength(0)
    expect(derived.node.columns).toBe(first.node.columns)
    expect(second.node.columns.map((column) => column.key)).toEqual(Object.keys(users.c))
  })

  it('freezes nodes so nothing can change them later', () => {
    const statement = select(users.c.id).where(users.c.id.eq(1))
    expect(Object.isFrozen(statement.node)).toBe(true)
    expect(Object.isFrozen(statement.node.columns)).toBe(true)
    expect(() => {
      ;(statement.node as { where: unknown }).where = undefined
    }).toThrow(TypeError)
  })

  it('where() with no conditions changes nothing', () => {
    const base = select(users.c.id).where(users.c.id.gt(1))
    expect(select(users.c.id).where().node.where).toBeUndefined()
    expect(base.where().node.where).toBe(base.node.where)
  })

  it('ANDs repeated where calls into one flat condition', () => {
    const statement = select(users.c.id).where(users.c.id.gt(1), users.c.id.lt(9)).where(users.c.age.isNull())
    expect(statement.node.where).toMatchObject({ kind: 'LogicalNode', operator: 'and' })
    expect((statement.node.where as unknown as { operands: unknown[] }).operands).toHaveLength(3)
  })
})

describe('select lists', () => {
  it('rejects two result columns with the same key', () => {
    expect(() => select(users.c.id, posts.c.id)).toThrow(ArgumentError)
    expect(() => select(users.c.id, posts.c.id)).toThrow(/keyed "id".*label/)
  })

  it('finds a repeated key anywhere in a short or a long list', () => {
    const labels = (count: number) => Array.from({ length: count }, (_, index) => users.c.id.label(`c${index}`))
    expect(select(...labels(40)).node.columns).toHaveLength(40)
    expect(() => select(...labels(5), users.c.id.label('c2'))).toThrow(/keyed "c2"/)
    expect(() => select(...labels(40), users.c.id.label('c39'))).toThrow(/keyed "c39"/)
  })

  it('rejects an unlabelled expression', () => {
    expect(() => select(users.c.id, func.count() as never)).toThrow(/labelled expression/)
  })

  it('keys a record select by its keys', () => {
    const statement = select({ n: func.count(), who: users.c.name })
    expect(statement.node.columns.map((c) => c.key)).toEqual(['n', 'who'])
  })
})
