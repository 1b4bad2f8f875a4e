import { MetaData, deleteFrom, insert, integer, select, boolean } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const owners = metadata.table('dml_du_owners', { id: integer().primaryKey(), isActive: boolean().notNull() })
const items = metadata.table('dml_du_items', { id: integer().primaryKey(), ownerId: integer().notNull(), size: integer().notNull() })

describeEachDialect('DELETE driven by another table', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(items))
      await connection.execute(deleteFrom(owners))
      await connection.execute(
        insert(owners).values([
          { id: 1, isActive: true },
          { id: 2, isActive: false },
          { id: 3, isActive: false },
        ]),
      )
      await connection.execute(
        insert(items).values([
          { id: 1, ownerId: 1, size: 1 },
          { id: 2, ownerId: 2, size: 2 },
          { id: 3, ownerId: 2, size: 3 },
          { id: 4, ownerId: 3, size: 4 },
          { id: 5, ownerId: 9, size: 5 },
        ]),
      )
    })
  })

  async function remaining(): Promise<number[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(items.c.id).orderBy(items.c.id))).scalars()
    } finally {
      await connection.close()
    }
  }

  it('deletes the rows that some row of the other table matches, and counts them', async () => {
    const statement = deleteFrom(items).using(owners).where(items.c.ownerId.eq(owners.c.id), owners.c.isActive.eq(false))
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.rowCount).toBe(3)
    expect(await remaining()).toEqual([1, 5])
  })

  it('counts a row once even when several rows of the other table match it', async () => {
    // Items 3, 4 and 5 each match both inactive owners.
    const statement = deleteFrom(items).using(owners).where(owners.c.isActive.eq(false), items.c.size.gt(2))
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.rowCount).toBe(3)
    expect(await remaining()).toEqual([1, 2])
  })

  it('returns the deleted rows, where the database has DELETE … RETURNING', async () => {
    if (!db.engine.dialect.capabilities.deleteReturning) return
    const statement = deleteFrom(items).using(owners).where(items.c.ownerId.eq(owners.c.id), owners.c.id.eq(2)).returning(items.c.id, items.c.size)
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.all().sort((a, b) => a.id - b.id)).toEqual([
      { id: 2, size: 2 },
      { id: 3, size: 3 },
    ])
    expect(await remaining()).toEqual([1, 4, 5])
  })
})
