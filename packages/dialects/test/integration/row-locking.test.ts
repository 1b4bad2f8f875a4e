import { MetaData, OperationalError, insert, integer, select, varchar } from '@athanor/core'
import { describeEachDialect } from '../support/each-dialect'
import { readRows } from '../support/read-rows'

const metadata = new MetaData()
const jobs = metadata.table('sf_lock_jobs', { id: integer().primaryKey(), state: varchar(10).notNull() })

describeEachDialect('SELECT … FOR UPDATE', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(jobs).values([1, 2, 3].map((id) => ({ id, state: 'queued' }))))
    })
  })

  it('locks rows; with no argument it runs everywhere (SQLite drops the clause)', async () => {
    await db.engine.begin(async (connection) => {
      const locked = await connection.execute(select(jobs.c.id).where(jobs.c.id.eq(1)).forUpdate())
      expect(locked.all()).toEqual([{ id: 1 }])
    })
  })

  it('skips rows another transaction locked, or fails at once with NOWAIT', async () => {
    if (db.dialect === 'sqlite') {
      // One connection and database-wide locks: the options run, and change nothing.
      expect(await readRows(db.engine, select(jobs.c.id).orderBy(jobs.c.id).forUpdate({ skipLocked: true }))).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
      return
    }
    const holder = await db.engine.connect()
    const other = await db.engine.connect()
    try {
      await holder.execute(select(jobs.c.id).where(jobs.c.id.eq(1)).forUpdate())
      const free = await other.execute(select(jobs.c.id).orderBy(jobs.c.id).forUpdate({ skipLocked: true }))
      expect(free.all()).toEqual([{ id: 2 }, { id: 3 }])
      await other.rollback()
      // PostgreSQL reports 55P03 (lock_not_available), MariaDB 1205 (lock wait timeout): both retryable.
      const refused = other.execute(select(jobs.c.id).where(jobs.c.id.eq(1)).forUpdate({ nowait: true }))
      await expect(refused).rejects.toThrow(OperationalError)
      await expect(refused).rejects.toMatchObject({ isRetryable: true })
    } finally {
      await other.close()
      await holder.close()
    }
  })
})
