import { type Connection, type Engine, text } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { DATABASE_URLS } from '../support/database-urls'
import { describeEachDialect } from '../support/each-dialect'
import { waitUntil } from '../support/server-connections'

// Named so that the warning's stack trace can be checked for it.
async function checkOutAndForget(engine: Engine): Promise<Connection> {
  const connection = await engine.connect()
  await connection.execute(text('select 1 as one'))
  return connection
}

describeEachDialect('pool leak warnings', {}, (db) => {
  it('warns about a connection kept longer than poolLeakWarning, with the stack of the code that checked it out', async () => {
    const warnings: string[] = []
    const engine = createEngine(DATABASE_URLS[db.dialect], { poolLeakWarning: 50, logger: (message) => warnings.push(message) })
    try {
      const returnedInTime = await engine.connect()
      await returnedInTime.close()
      const forgotten = await checkOutAndForget(engine)
      await waitUntil(() => warnings.length > 0, 'the leak warning')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('A connection has been checked out for more than 50 ms (poolLeakWarning) and not returned.')
      expect(warnings[0]).toMatch(/It was checked out at:\n\s+at Engine\.connect .*\n\s+at checkOutAndForget .*pool-leak\.test\.ts/)
      await forgotten.close()
    } finally {
      await engine.dispose()
    }
  })
})
