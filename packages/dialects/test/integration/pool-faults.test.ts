import { type Engine, type EngineOptions, type InvalidateEvent, MetaData, OperationalError, deleteFrom, func, insert, integer, select, text, varchar } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { type ServerDialect, killOnServer, recordServerConnections } from '../support/server-connections'

const metadata = new MetaData()
const items = metadata.table('pool_fault_items', { id: integer().primaryKey(), name: varchar(20).notNull() })

/** An engine whose pool holds `size` idle connections, all used once, and the server ids of those. */
async function warmEngine(dialect: ServerDialect, options: EngineOptions & { poolSize: number }): Promise<{ engine: Engine; ids: number[]; invalidations: InvalidateEvent[] }> {
  const engine = createEngine(DATABASE_URLS[dialect], { maxOverflow: 0, ...options })
  const ids = recordServerConnections(engine)
  const invalidations: InvalidateEvent[] = []
  engine.on('invalidate', (event) => invalidations.push(event))
  const held = await Promise.all(Array.from({ length: options.poolSize }, () => engine.connect()))
  for (const connection of held) await connection.execute(text('select 1 as one'))
  await Promise.all(held.map((connection) => connection.close()))
  expect(engine.pool.status()).toMatchObject({ size: options.poolSize, checkedIn: options.poolSize })
  return { engine, ids: [...ids], invalidations }
}

/** Runs `select 1` sequentially, then concurrently; every one must succeed. */
async function queryManyTimes(engine: Engine): Promise<void> {
  const selectOne = async (): Promise<number> => {
    const connection = await engine.connect()
    try {
      return Number((await connection.execute(text('select 1 as one'))).scalar())
    } finally {
      await connection.close()
    }
  }
  for (let index = 0; index < 4; index++) expect(await selectOne()).toBe(1)
  expect(await Promise.all(Array.from({ length: 6 }, selectOne))).toEqual([1, 1, 1, 1, 1, 1])
}

async function countItems(engine: Engine): Promise<number> {
  const connection = await engine.connect()
  try {
    return Number((await connection.execute(select({ n: func.count() }).from(items))).scalar())
  } finally {
    await connection.close()
  }
}

describeEachDialect('pool faults: the server kills our connections', { metadata }, (db) => {
  // Killing server connections needs a server: SQLite runs inside this process and has none.
  const itOnServers = db.dialect === 'sqlite' ? it.skip : it
  const server = (): ServerDialect => db.dialect as ServerDialect

  beforeEach(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(deleteFrom(items))
    })
  })

  itOnServers('with poolPrePing, the next queries succeed without the caller seeing an error', async () => {
    const { engine, ids, invalidations } = await warmEngine(server(), { poolSize: 3, poolPrePing: true })
    try {
      await killOnServer(db.engine, server(), ids)
      await queryManyTimes(engine)
      // One ping found a dead connection; the others, opened before it, were replaced unpinged.
      expect(invalidations.map((event) => event.reason)).toEqual(['prePing'])
      expect(engine.pool.status()).toMatchObject({ checkedOut: 0, waiting: 0 })
    } finally {
      await engine.dispose()
    }
  })

  itOnServers('without poolPrePing, the first caller gets an OperationalError and the pool recovers on its own', async () => {
    const { engine, ids, invalidations } = await warmEngine(server(), { poolSize: 3 })
    try {
      await killOnServer(db.engine, server(), ids)
      const connection = await engine.connect()
      const error = await connection.execute(text('select 1 as one')).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(OperationalError)
      expect((error as OperationalError).isDisconnect).toBe(true)
      expect(connection.invalidated).toBe(true)
      // The Connection stays unusable until closed; its database connection is already discarded.
      await expect(connection.execute(text('select 1 as one'))).rejects.toThrow(/This connection was invalidated/)
      await connection.close()
      await queryManyTimes(engine)
      expect(invalidations.map((event) => event.reason)).toEqual(['disconnect'])
      expect(engine.pool.status()).toMatchObject({ checkedOut: 0, waiting: 0 })
    } finally {
      await engine.dispose()
    }
  })

  itOnServers('a connection killed inside engine.begin rejects it with OperationalError, keeps none of its writes, and the pool stays healthy', async () => {
    const engine = createEngine(DATABASE_URLS[server()], { poolSize: 2, maxOverflow: 0 })
    try {
      const error = await engine
        .begin(async (connection) => {
          await connection.execute(insert(items).values({ id: 1, name: 'lost' }))
          await killOnServer(db.engine, server(), [connection.serverConnectionId as number])
          await connection.execute(insert(items).values({ id: 2, name: 'lost too' }))
        })
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(OperationalError)
      expect((error as OperationalError).isDisconnect).toBe(true)
      expect(await countItems(db.engine)).toBe(0)
      expect(engine.pool.status()).toMatchObject({ checkedOut: 0, waiting: 0 })

      await engine.begin(async (connection) => {
        await connection.execute(insert(items).values({ id: 3, name: 'kept' }))
      })
      expect(await countItems(engine)).toBe(1)
    } finally {
      await engine.dispose()
    }
  })

  itOnServers('work that swallows the disconnect still cannot commit: engine.begin rejects with OperationalError', async () => {
    const engine = createEngine(DATABASE_URLS[server()], { poolSize: 1, maxOverflow: 0 })
    try {
      const error = await engine
        .begin(async (connection) => {
          await connection.execute(insert(items).values({ id: 4, name: 'lost' }))
          await killOnServer(db.engine, server(), [connection.serverConnectionId as number])
          await connection.execute(text('select 1 as one')).catch(() => undefined)
        })
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(OperationalError)
      expect((error as Error).message).toMatch(/This connection was invalidated/)
      expect(await countItems(db.engine)).toBe(0)
    } finally {
      await engine.dispose()
    }
  })
})
