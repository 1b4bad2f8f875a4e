import { MetaData, cast, func, insert, integer, literal, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const categories = metadata.table('sf_cte_categories', { id: integer().primaryKey(), name: varchar(30).notNull(), parentId: integer() })

describeEachDialect('common table expressions', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(
        insert(categories).values([
          { id: 1, name: 'root', parentId: null },
          { id: 2, name: 'books', parentId: 1 },
          { id: 3, name: 'music', parentId: 1 },
          { id: 4, name: 'fiction', parentId: 2 },
          { id: 5, name: 'poetry', parentId: 4 },
          { id: 6, name: 'jazz', parentId: 3 },
        ]),
      )
    })
  })

  it('joins a CTE, which brings its WITH clause', async () => {
    const childCounts = select({ parentId: categories.c.parentId, children: func.count() }).where(categories.c.parentId.isNotNull()).groupBy(categories.c.parentId).cte('child_counts')
    const statement = select(categories.c.name, childCounts.c.children).join(childCounts, childCounts.c.parentId.eq(categories.c.id)).orderBy(categories.c.id)
    expect(await readRows(db.engine, statement)).toEqual([
      { name: 'root', children: 2 },
      { name: 'books', children: 1 },
      { name: 'music', children: 1 },
      { name: 'fiction', children: 1 },
    ])
  })

  it('writes CTEs that read other CTEs after them', async () => {
    const leaves = select(categories.c.id, categories.c.parentId).where(categories.c.id.in([5, 6])).cte('leaves')
    const leafParents = select({ id: leaves.c.parentId }).from(leaves).cte('leaf_parents')
    const statement = select(categories.c.name).join(leafParents, leafParents.c.id.eq(categories.c.id)).orderBy(categories.c.name)
    expect(await readRows(db.engine, statement)).toEqual([{ name: 'fiction' }, { name: 'music' }])
  })

  it('walks a category tree with a recursive CTE', async () => {
    // The anchor's depth is cast: PostgreSQL would read a bare parameter as text.
    const tree = select(categories.c.id, categories.c.name, cast(literal(0), integer()).label('depth')).where(categories.c.id.eq(2)).cte('tree', { recursive: true })
    const subtree = tree.unionAll(select(categories.c.id, categories.c.name, tree.c.depth.add(1).label('depth')).join(tree, categories.c.parentId.eq(tree.c.id)))
    expect(await readRows(db.engine, select(subtree.c.name, subtree.c.depth).orderBy(subtree.c.depth))).toEqual([
      { name: 'books', depth: 0 },
      { name: 'fiction', depth: 1 },
      { name: 'poetry', depth: 2 },
    ])
  })

  it('counts from 1 to 10 with a recursive CTE over no table', async () => {
    const counter = select(cast(literal(1), integer()).label('n')).cte('counter', { recursive: true })
    const upToTen = counter.unionAll(select(counter.c.n.add(1).label('n')).where(counter.c.n.lt(10)))
    const numbers = await readRows(db.engine, select(upToTen.c.n).orderBy(upToTen.c.n))
    expect(numbers.map((row) => row.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(await readRows(db.engine, select({ total: func.sum(upToTen.c.n) }).from(upToTen))).toEqual([{ total: 55 }])
  })
})
