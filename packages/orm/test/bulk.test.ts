import { ArgumentError, MetaData, deleteFrom, func, insert, integer, select, update, varchar } from '@athanor/core'
import { Model, NotLoadedError, Session, inspect } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const accounts = metadata.table('orm2_bulk_accounts', {
  id: integer().primaryKey(),
  name: varchar(50).notNull(),
  karma: integer().notNull(),
})
class Account extends Model(accounts) {}

describeEachDialect('ORM: bulk insert, update and delete through the session', { metadata }, (db) => {
  beforeEach(async () => {
    await using session = new Session(db.engine)
    await session.execute(deleteFrom(Account), undefined, { synchronizeSession: false })
    await session.execute(insert(Account).values(Array.from({ length: 10 }, (_, index) => ({ id: index + 1, name: `account ${index + 1}`, karma: index }))))
    await session.commit()
  })

  it('insert(Class).values([...]) writes rows in one statement', async () => {
    await using session = new Session(db.engine)
    const log = new StatementLog(db.engine)
    await session.execute(insert(Account).values([{ id: 11, name: 'eleven', karma: 0 }, { id: 12, name: 'twelve', karma: 0 }]))
    log.dispose()
    expect(log.count('insert')).toBe(1)
    expect(await session.scalar(select({ n: func.count() }).from(accounts))).toBe(12)
  })

  it('"evaluate" (the default) applies SET values to matching objects in the identity map, arithmetic included', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const loaded = await session.scalars(select(Account).orderBy(Account.c.id))
    const log = new StatementLog(db.engine)
    await session.execute(update(Account).where(Account.c.karma.ge(5), Account.c.name.ne('account 10')).values({ karma: Account.c.karma.add(100), name: 'rich' }))
    log.dispose()
    expect(log.dataStatements).toHaveLength(1) // no SELECT to synchronise
    expect(loaded.map((account) => account.karma)).toEqual([0, 1, 2, 3, 4, 105, 106, 107, 108, 9])
    expect(loaded.map((account) => account.name)[5]).toBe('rich')
    expect(session.dirty).toEqual([])
    await session.refresh(loaded[5])
    expect(loaded[5].karma).toBe(105)
  })

  it('"fetch" selects the matching keys first; deleted objects leave the identity map', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const loaded = await session.scalars(select(Account).orderBy(Account.c.id))
    const log = new StatementLog(db.engine)
    await session.execute(deleteFrom(Account).where(Account.c.karma.lt(3)), undefined, { synchronizeSession: 'fetch' })
    log.dispose()
    expect(log.count('select')).toBe(1)
    expect(loaded.slice(0, 4).map((account) => inspect(account).status)).toEqual(['deleted', 'deleted', 'deleted', 'persistent'])
    expect(await session.get(Account, 1)).toBeUndefined()
    await session.execute(update(Account).where(Account.c.id.in([4, 5])).values({ karma: func.abs(Account.c.karma.sub(100)) }), undefined, { synchronizeSession: 'fetch' })
    expect(() => loaded[3].karma).toThrow(NotLoadedError) // not computable in memory: expired
    await session.refresh(loaded[3])
    expect(loaded[3].karma).toBe(97)
  })

  it('false leaves objects stale; "evaluate" refuses a WHERE it cannot evaluate', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const [first] = await session.scalars(select(Account).where(Account.c.id.eq(1)))
    await session.execute(update(Account).where(Account.c.id.eq(1)).values({ karma: 50 }), undefined, { synchronizeSession: false })
    expect(first.karma).toBe(0)
    await expect(session.execute(update(Account).where(func.lower(Account.c.name).eq('x')).values({ karma: 1 }))).rejects.toThrow(ArgumentError)
    await expect(session.execute(update(Account).where(func.lower(Account.c.name).eq('x')).values({ karma: 1 }))).rejects.toThrow('synchronizeSession: "fetch"')
  })
})
