import { type Engine, IntegrityError, MetaData, deleteFrom, func, insert, integer, select, varchar } from '@athanor/core'
import { Model, NotLoadedError, Session, StaleDataError, inspect, mapper, relationship } from '../src/index'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { StatementLog } from './support/statement-log'

const metadata = new MetaData()
const parents = metadata.table('orm_rb_parents', { id: integer().primaryKey(), name: varchar(30).notNull().unique() })
const children = metadata.table('orm_rb_children', {
  id: integer().primaryKey(),
  parentId: integer()
    .notNull()
    .references(() => parents.c.id, { onDelete: 'cascade' }),
  code: varchar(30).notNull().unique(),
})
class Parent extends Model(parents) {
  declare children: Child[]
}
class Child extends Model(children, { optional: ['parentId'] }) {
  declare parent: Parent | null
}
mapper(Parent, { children: relationship(() => Child, { backPopulates: 'parent', cascade: 'all, delete-orphan' }) })
mapper(Child, { parent: relationship(() => Parent, { backPopulates: 'children' }) })

async function names(engine: Engine): Promise<string[]> {
  const connection = await engine.connect()
  try {
    return ((await connection.execute(select(parents.c.name))).scalars() as string[]).sort()
  } finally {
    await connection.close()
  }
}

async function codes(engine: Engine): Promise<string[]> {
  const connection = await engine.connect()
  try {
    return ((await connection.execute(select(children.c.code))).scalars() as string[]).sort()
  } finally {
    await connection.close()
  }
}

describeEachDialect('ORM: failed flushes and rollback', { metadata }, (db) => {
  beforeAll(async () => {
    await db.engine.begin(async (connection) => {
      await connection.execute(insert(parents).values({ name: 'seed' }))
      const seed = (await connection.execute(select(parents.c.id).where(parents.c.name.eq('seed')))).scalar() as number
      await connection.execute(insert(children).values({ parentId: seed, code: 'taken' }))
    })
  })

  it('a failed first flush writes nothing, leaves the objects as they were, and can be fixed and retried', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    const parent = new Parent({ name: 'first' })
    const ok = new Child({ code: 'first ok' })
    const clash = new Child({ code: 'taken' })
    parent.children.push(ok, clash)
    session.add(parent)

    await expect(session.flush()).rejects.toThrow(IntegrityError)
    // Nothing half-applied: the parent's INSERT, which succeeded, was rolled back with the rest…
    expect(await names(db.engine)).toEqual(['seed'])
    // …and memory is as before flush(): no keys, no foreign keys, still pending.
    expect(parent.id).toBeUndefined()
    expect(ok.parentId).toBeUndefined()
    expect(session.new).toEqual([parent, ok, clash])
    expect(inspect(parent).status).toBe('pending')

    clash.code = 'first fixed'
    await session.commit()
    expect(await names(db.engine)).toEqual(['first', 'seed'])
    expect(await codes(db.engine)).toEqual(['first fixed', 'first ok', 'taken'])
    expect([ok.parentId, clash.parentId]).toEqual([parent.id, parent.id])
  })

  it('a failed later flush is undone in its SAVEPOINT: earlier flushes of the transaction stay', async () => {
    const log = new StatementLog(db.engine)
    try {
      await using session = new Session(db.engine, { expireOnCommit: false })
      const kept = new Parent({ name: 'kept' })
      session.add(kept)
      await session.flush()
      const keptId = kept.id
      const clash = new Child({ code: 'taken' })
      kept.children.push(clash)
      log.clear()
      await expect(session.flush()).rejects.toThrow(IntegrityError)
      expect(log.statements.some((sql) => /^rollback to savepoint/i.test(sql))).toBe(true)
      expect(kept.id).toBe(keptId)
      expect(inspect(kept).status).toBe('persistent')
      expect(inspect(clash).status).toBe('pending')
      clash.code = 'kept fixed'
      await session.commit()
      expect(await names(db.engine)).toContain('kept')
      expect(await codes(db.engine)).toContain('kept fixed')
    } finally {
      log.dispose()
    }
  })

  it('a failed UPDATE leaves no other UPDATE of the flush applied and keeps the changes pending', async () => {
    await using session = new Session(db.engine, { expireOnCommit: false })
    session.addAll([new Parent({ name: 'u1' }), new Parent({ name: 'u2' })])
    await session.commit()
    const [u1, u2] = await session.scalars(select(Parent).where(Parent.c.name.in(['u1', 'u2'])).orderBy(Parent.c.name))
    u1.name = 'u1 renamed'
    u2.name = 'seed' // unique violation
    await expect(session.flush()).rejects.toThrow(IntegrityError)
    expect(await names(db.engine)).toEqual(expect.arrayContaining(['u1', 'u2']))
    expect(session.dirty).toEqual([u1, u2])
    u2.name = 'u2 renamed'
    await session.commit()
    expect(await names(db.engine)).toEqual(expect.arrayContaining(['u1 renamed', 'u2 renamed']))
  })

  it('rollback(): new objects become transient again, loaded ones are expired and reload on next access', async () => {
    await using session = new Session(db.engine)
    const [loaded] = await session.scalars(select(Parent).where(Parent.c.name.eq('seed')))
    loaded.name = 'seed changed'
    const added = new Parent({ name: 'rolled back' })
    session.add(added)
    await session.flush()
    expect(typeof added.id).toBe('number')

    await session.rollback()
    expect(inspect(added).status).toBe('transient')
    expect(added.id).toBeUndefined() // the key the database gave is gone with the row
    expect(added.name).toBe('rolled back')
    expect(inspect(loaded).status).toBe('persistent')
    expect(() => loaded.name).toThrow(NotLoadedError)
    expect(() => loaded.name).toThrow(/Parent\.name was expired.*session\.refresh\(parent\)/)
    expect(await session.get(Parent, loaded.id)).toBe(loaded) // reloaded
    expect(loaded.name).toBe('seed')
    // (Through the session: on SQLite in memory the engine has one connection, which the session holds.)
    expect((await session.execute(select(parents.c.name))).scalars()).not.toContain('rolled back')

    // A transient object can simply be added again.
    session.add(added)
    await session.commit()
    expect(await names(db.engine)).toContain('rolled back')
  })

  it('rollback() brings deleted objects back', async () => {
    await using session = new Session(db.engine)
    const [victim] = await session.scalars(select(Parent).where(Parent.c.name.eq('u1 renamed')))
    session.delete(victim)
    await session.flush()
    expect(inspect(victim).status).toBe('deleted')
    await session.rollback()
    expect(inspect(victim).status).toBe('persistent')
    await session.refresh(victim)
    expect(victim.name).toBe('u1 renamed')
    expect((await session.execute(select(parents.c.name))).scalars()).toContain('u1 renamed')
  })

  it('beginNested: a failing block rolls back to its SAVEPOINT, undoing only its own objects', async () => {
    await using session = new Session(db.engine)
    const outer = new Parent({ name: 'outer' })
    session.add(outer)
    const inner = new Parent({ name: 'inner' })
    await expect(
      session.beginNested(async (s) => {
        s.add(inner)
        await s.flush()
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(inspect(inner).status).toBe('transient')
    expect(inspect(outer).status).toBe('persistent')
    const nested = await session.beginNested(async (s) => {
      s.add(new Parent({ name: 'inner ok' }))
      return 'done'
    })
    expect(nested).toBe('done')
    await session.commit()
    expect(await names(db.engine)).toEqual(expect.arrayContaining(['outer', 'inner ok']))
    expect(await names(db.engine)).not.toContain('inner')
  })

  it('joins a connection the caller holds in a transaction: commit releases a SAVEPOINT, the caller rolls everything back', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(parents).values({ name: 'outer row' }))
      const session = new Session(connection, { expireOnCommit: false })
      const parent = new Parent({ name: 'joined' })
      parent.children.push(new Child({ code: 'joined child' }))
      session.add(parent)
      await session.commit()
      // Visible in the caller's transaction, which the session neither committed nor ended.
      expect(connection.inTransaction).toBe(true)
      expect((await connection.execute(select(parents.c.name).where(parents.c.name.eq('joined')))).scalars()).toEqual(['joined'])

      parent.name = 'joined twice'
      await session.rollback() // back to the session's SAVEPOINT only
      expect((await connection.execute(select(parents.c.name).where(parents.c.name.in(['joined', 'joined twice'])))).scalars()).toEqual(['joined'])
      await session.close()

      await connection.rollback()
      expect((await connection.execute(select({ n: func.count() }).from(parents).where(parents.c.name.in(['outer row', 'joined'])))).scalar()).toBe(0)
    } finally {
      await connection.close()
    }
  })

  it('a failed flush of a joined session rolls back to the session’s SAVEPOINT only, never the caller’s work', async () => {
    const connection = await db.engine.connect()
    try {
      await connection.execute(insert(parents).values({ name: 'caller row' }))
      const session = new Session(connection, { expireOnCommit: false })
      const parent = new Parent({ name: 'joined failing' })
      const clash = new Child({ code: 'taken' })
      parent.children.push(clash)
      session.add(parent)
      await expect(session.flush()).rejects.toThrow(IntegrityError)
      expect(connection.inTransaction).toBe(true)
      expect((await connection.execute(select(parents.c.name).where(parents.c.name.in(['caller row', 'joined failing'])))).scalars()).toEqual(['caller row'])
      clash.code = 'joined fixed'
      await session.commit()
      expect((await connection.execute(select(children.c.code).where(children.c.parentId.eq(parent.id)))).scalars()).toEqual(['joined fixed'])
      await session.close()
    } finally {
      await connection.rollback()
      await connection.close()
    }
  })

  it('an UPDATE that matches no row (deleted behind the session’s back) raises StaleDataError', async () => {
    await using session = new Session(db.engine)
    const parent = new Parent({ name: 'stale' })
    session.add(parent)
    await session.flush()
    await session.execute(deleteFrom(parents).where(parents.c.id.eq(parent.id)))
    parent.name = 'stale renamed'
    await expect(session.flush()).rejects.toThrow(StaleDataError)
    await expect(session.flush()).rejects.toThrow(/UPDATE of "orm_rb_parents" expected to match 1 row/)
    await session.rollback()
  })
})
