import { MetaData, deleteFrom, insert, integer, select, update, boolean } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const members = metadata.table('dml_uf_members', { id: integer().primaryKey(), isActive: boolean().notNull(), bonus: integer().notNull() })
const entries = metadata.table('dml_uf_entries', { id: integer().primaryKey(), memberId: integer().notNull(), views: integer().notNull() })

describeEachDialect('UPDATE … FROM another table', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(entries))
      await connection.execute(deleteFrom(members))
      await connection.execute(
        insert(members).values([
          { id: 1, isActive: true, bonus: 10 },
          { id: 2, isActive: false, bonus: 20 },
          { id: 3, isActive: false, bonus: 30 },
        ]),
      )
      await connection.execute(
        insert(entries).values([
          { id: 1, memberId: 1, views: 5 },
          { id: 2, memberId: 2, views: 6 },
          { id: 3, memberId: 2, views: 7 },
          { id: 4, memberId: 3, views: 8 },
        ]),
      )
    })
  })

  async function views(): Promise<number[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(entries.c.views).orderBy(entries.c.id))).scalars()
    } finally {
      await connection.close()
    }
  }

  it('updates the rows the other table selects, and counts them', async () => {
    const statement = update(entries).from(members).where(entries.c.memberId.eq(members.c.id), members.c.isActive.eq(false)).values({ views: 0 })
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.rowCount).toBe(3)
    expect(await views()).toEqual([5, 0, 0, 0])
  })

  it('counts a row once even when several rows of the other table match it', async () => {
    // Entries 3 and 4 each match both inactive members.
    const statement = update(entries).from(members).where(members.c.isActive.eq(false), entries.c.views.gt(6)).values({ views: 1 })
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.rowCount).toBe(2)
    expect(await views()).toEqual([5, 6, 1, 1])
  })

  it('sets values read from the other table', async () => {
    const statement = update(entries)
      .from(members)
      .where(entries.c.memberId.eq(members.c.id), members.c.bonus.ge(20))
      .values({ views: entries.c.views.add(members.c.bonus) })
    await db.engine.begin((connection) => connection.execute(statement))
    expect(await views()).toEqual([5, 26, 27, 38])
  })

  it('returns the updated rows, where the database has UPDATE … RETURNING', async () => {
    if (!db.engine.dialect.capabilities.updateReturning) return
    const statement = update(entries)
      .from(members)
      .where(entries.c.memberId.eq(members.c.id), members.c.id.eq(3))
      .values({ views: members.c.bonus })
      .returning(entries.c.id, entries.c.views)
    const result = await db.engine.begin((connection) => connection.execute(statement))
    expect(result.all()).toEqual([{ id: 4, views: 30 }])
  })
})
