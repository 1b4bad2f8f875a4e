import { type Engine, MetaData, ProgrammingError, deleteFrom, func, insert, integer, select, text, varchar } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS, type DialectName } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { sqliteFileUrl } from '../support/server-connections'

const metadata = new MetaData()
const items = metadata.table('pool_reset_items', { id: integer().primaryKey(), name: varchar(20).notNull() })

async function countItems(engine: Engine): Promise<number> {
  const connection = await engine.connect()
  try {
    return Number((await connection.execute(select({ n: func.count() }).from(items))).scalar())
  } finally {
    await connection.close()
  }
}

/**
 * Opens a transaction behind the Connection's back: with AUTOCOMMIT the Connection begins none
 * and believes none is open, so its close() rolls nothing back. Only the pool's reset can.
 */
async function returnWithOpenTransaction(engine: Engine, work: (sql: (statement: string) => Promise<unknown>) => Promise<void>): Promise<number | undefined> {
  const connection = await engine.connect({ isolationLevel: 'AUTOCOMMIT' })
  await connection.execute(text('begin'))
  await work((statement) => connection.execute(text(statement)))
  expect(connection.inTransaction).toBe(false)
  const id = connection.serverConnectionId
  await connection.close()
  return id
}

/** SQL that makes a second session give up quickly instead of waiting on a lock. */
const SHORT_LOCK_WAIT: Record<DialectName, string | undefined> = {
  postgresql: "set lock_timeout = '3s'",
  mysql: 'set innodb_lock_wait_timeout = 3',
  sqlite: undefined, // the driver's busy timeout (5 s) plays that part
}

describeEachDialect('pool reset on return', { metadata }, (db) => {
  /**
   * An engine of one connection, so the next user gets the connection the last one returned.
   * On SQLite that is the harness's engine: sqlite::memory: is a static pool of one connection,
   * and a new engine would be a new, empty database.
   */
  async function withOneConnection(test: (engine: Engine) => Promise<void>): Promise<void> {
    if (db.dialect === 'sqlite') return test(db.engine)
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolSize: 1, maxOverflow: 0 })
    try {
      await test(engine)
    } finally {
      await engine.dispose()
    }
  }

  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(items))
      await connection.execute(insert(items).values({ id: 1, name: 'committed' }))
    })
  })

  it('rolls back a transaction left open before the connection is lent again: the next user does not see its rows', async () => {
    await withOneConnection(async (engine) => {
      const firstId = await returnWithOpenTransaction(engine, async (sql) => {
        await sql("insert into pool_reset_items (id, name) values (2, 'uncommitted')")
      })
      const connection = await engine.connect()
      try {
        expect(connection.serverConnectionId).toBe(firstId)
        expect(Number((await connection.execute(select({ n: func.count() }).from(items))).scalar())).toBe(1)
        // A transaction still open would make this fail ("cannot start a transaction within a transaction" on SQLite).
        await connection.execute(insert(items).values({ id: 3, name: 'next user' }))
        await connection.commit()
      } finally {
        await connection.close()
      }
      expect(await countItems(db.engine)).toBe(2)
    })
  })

  it('rolls back a transaction that failed (PostgreSQL would refuse every later statement)', async () => {
    await withOneConnection(async (engine) => {
      await returnWithOpenTransaction(engine, async (sql) => {
        await sql("insert into pool_reset_items (id, name) values (2, 'uncommitted')")
        await expect(sql('select * from pool_reset_missing_table')).rejects.toBeInstanceOf(ProgrammingError)
      })
      expect(await countItems(engine)).toBe(1)
    })
  })

  it('releases the locks of a transaction left open, so other sessions do not wait on them', async () => {
    // sqlite::memory: has a single connection; a file lets a second connection contend for the lock.
    const url = db.dialect === 'sqlite' ? sqliteFileUrl() : DATABASE_URLS[db.dialect]
    const engine = createEngine(url, { poolSize: 1, maxOverflow: 0 })
    const other = createEngine(url, { poolSize: 1, maxOverflow: 0 })
    try {
      if (db.dialect === 'sqlite') await metadata.createAll(engine)
      await engine.begin(async (connection) => {
        await connection.execute(deleteFrom(items))
        await connection.execute(insert(items).values({ id: 1, name: 'committed' }))
      })
      await returnWithOpenTransaction(engine, async (sql) => {
        await sql("update pool_reset_items set name = 'locked' where id = 1")
      })
      const connection = await other.connect()
      try {
        const shortLockWait = SHORT_LOCK_WAIT[db.dialect]
        if (shortLockWait !== undefined) await connection.execute(text(shortLockWait))
        const updated = await connection.execute(text("update pool_reset_items set name = 'other session' where id = 1"))
        expect(updated.rowCount).toBe(1)
        await connection.commit()
      } finally {
        await connection.close()
      }
      const names = await engine.connect()
      try {
        expect((await names.execute(select(items.c.name))).scalars()).toEqual(['other session'])
      } finally {
        await names.close()
      }
    } finally {
      await other.dispose()
      await engine.dispose()
    }
  })
})
