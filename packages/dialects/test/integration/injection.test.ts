import { MetaData, deleteFrom, insert, integer, select, text, update, varchar, func } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'

const metadata = new MetaData()
const notes = metadata.table('inj_notes', { id: integer().primaryKey(), body: varchar(200).notNull() })

const HOSTILE = `'); DROP TABLE inj_notes; --`
const QUOTES = `it's "quoted" \\ back\`tick`

describeEachDialect('values are data, never SQL', { metadata }, (db) => {
  it('stores and reads hostile text through every statement kind', async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(notes).values([{ id: 1, body: HOSTILE }, { id: 2, body: QUOTES }]))
      const selected = await connection.execute(select(notes.c.id).where(notes.c.body.eq(HOSTILE)))
      expect(selected.scalars()).toEqual([1])
      const liked = await connection.execute(select(notes.c.id).where(notes.c.body.like(`%${HOSTILE.slice(0, 5)}%`)))
      expect(liked.scalars()).toEqual([1])
      const updated = await connection.execute(update(notes).where(notes.c.body.eq(HOSTILE)).values({ body: `${HOSTILE}!` }))
      expect(updated.rowCount).toBe(1)
      const viaText = await connection.execute(text('select id, body from inj_notes where body = :body'), { body: `${HOSTILE}!` })
      expect(viaText.all()).toEqual([{ id: 1, body: `${HOSTILE}!` }])
      const quoted = await connection.execute(select(notes.c.body).where(notes.c.id.eq(2)))
      expect(quoted.scalar()).toBe(QUOTES)
      const deleted = await connection.execute(deleteFrom(notes).where(notes.c.body.eq(`${HOSTILE}!`)))
      expect(deleted.rowCount).toBe(1)
    })
    const connection = await db.engine.connect()
    try {
      // The table survived and holds exactly the other row.
      const remaining = await connection.execute(select({ n: func.count() }).from(notes))
      expect(remaining.scalar()).toBe(1)
    } finally {
      await connection.close()
    }
  })

  it('never writes bound values into the SQL text', () => {
    const compiled = select(notes.c.id).where(notes.c.body.eq(HOSTILE)).compile(db.engine.dialect)
    expect(compiled.sql).not.toContain('DROP')
    expect(compiled.params).toEqual([HOSTILE])
  })
})
