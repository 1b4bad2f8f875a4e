import { IntegrityError, MetaData, UnsupportedFeatureError, deleteFrom, excluded, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const counters = metadata.table('dml_counters', {
  id: integer().primaryKey(),
  name: varchar(30).notNull().unique(),
  hits: integer().notNull().default(1),
  label: varchar(30),
})

describeEachDialect('upserts', { metadata }, (db) => {
  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(counters))
      await connection.execute(insert(counters).values([{ id: 1, name: 'home', hits: 5, label: 'old' }, { id: 2, name: 'about', hits: 1 }]))
    })
  })

  async function rows(): Promise<{ id: number; name: string; hits: number; label: string | null }[]> {
    const connection = await db.engine.connect()
    try {
      return (await connection.execute(select(counters).orderBy(counters.c.id))).all()
    } finally {
      await connection.close()
    }
  }

  it('onConflictDoUpdate updates the existing row from its own values and the proposed ones', async () => {
    await db.engine.begin(async (connection) => {
      const upsert = insert(counters)
        .values([
          { id: 10, name: 'home', hits: 3, label: 'new' },
          { id: 11, name: 'blog', hits: 7, label: 'fresh' },
        ])
        .onConflictDoUpdate({ target: counters.c.name, set: { hits: counters.c.hits.add(excluded(counters.c.hits)), label: excluded(counters.c.label) } })
      await connection.execute(upsert)
    })
    expect(await rows()).toEqual([
      { id: 1, name: 'home', hits: 8, label: 'new' },
      { id: 2, name: 'about', hits: 1, label: null },
      { id: 11, name: 'blog', hits: 7, label: 'fresh' },
    ])
  })

  it('onConflictDoUpdate counts hits, the classic counter', async () => {
    const hit = (name: string) => insert(counters).values({ name }).onConflictDoUpdate({ target: counters.c.name, set: { hits: counters.c.hits.add(1) } })
    await db.engine.begin(async (connection) => {
      for (const name of ['about', 'about', 'contact', 'about']) await connection.execute(hit(name))
    })
    const byName = Object.fromEntries((await rows()).map((row) => [row.name, row.hits]))
    expect(byName).toEqual({ home: 5, about: 4, contact: 1 })
  })

  it('onConflictDoNothing skips colliding rows and inserts the others', async () => {
    const result = await db.engine.begin((connection) =>
      connection.execute(
        insert(counters)
          .values([
            { id: 20, name: 'home', label: 'ignored' },
            { id: 21, name: 'faq', label: 'kept' },
          ])
          .onConflictDoNothing(),
      ),
    )
    // MySQL's no-op update, with the FOUND_ROWS flag, counts the skipped row too.
    expect(result.rowCount).toBe(db.dialect === 'mysql' ? 2 : 1)
    expect(await rows()).toEqual([
      { id: 1, name: 'home', hits: 5, label: 'old' },
      { id: 2, name: 'about', hits: 1, label: null },
      { id: 21, name: 'faq', hits: 1, label: 'kept' },
    ])
  })

  it('onConflictDoNothing with a target, on the primary key', async () => {
    await db.engine.begin((connection) => connection.execute(insert(counters).values({ id: 1, name: 'other' }).onConflictDoNothing(counters.c.id)))
    expect((await rows()).map((row) => row.name)).toEqual(['home', 'about'])
  })

  it('onConflictDoNothing still fails on errors other than a key collision (unlike INSERT IGNORE)', async () => {
    const bad = insert(counters).values({ id: 30, name: null as unknown as string }).onConflictDoNothing()
    await expect(db.engine.begin((connection) => connection.execute(bad))).rejects.toBeInstanceOf(IntegrityError)
    expect(await rows()).toHaveLength(2)
  })

  it('a WHERE on the update leaves rows that fail it untouched (refused on MySQL)', async () => {
    const upsert = insert(counters)
      .values([
        { name: 'home', hits: 100 },
        { name: 'about', hits: 100 },
      ])
      .onConflictDoUpdate({ target: counters.c.name, set: { hits: excluded(counters.c.hits) }, where: counters.c.hits.lt(3) })
    if (db.dialect === 'mysql') {
      await expect(db.engine.begin((connection) => connection.execute(upsert))).rejects.toBeInstanceOf(UnsupportedFeatureError)
      return
    }
    await db.engine.begin((connection) => connection.execute(upsert))
    expect((await rows()).map((row) => [row.name, row.hits])).toEqual([
      ['home', 5],
      ['about', 100],
    ])
  })

  it('RETURNING gives the inserted or updated row, where the database has INSERT … RETURNING', async () => {
    if (!db.engine.dialect.capabilities.insertReturning) return
    const returned = await db.engine.begin((connection) =>
      connection.execute(
        insert(counters)
          .values({ id: 40, name: 'about', hits: 2 })
          .onConflictDoUpdate({ target: counters.c.name, set: { hits: counters.c.hits.add(excluded(counters.c.hits)) } })
          .returning(counters.c.id, counters.c.hits),
      ),
    )
    expect(returned.all()).toEqual([{ id: 2, hits: 3 }])
  })
})
