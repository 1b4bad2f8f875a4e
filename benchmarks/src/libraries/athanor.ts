/**
 * Athanor over its own engine: one connection (a pool of one), statements built per call as users write them.
 * W6/W7 go through the ORM (`ormW6` / `ormW7`: a Session with the identity map and unit of work); the
 * same work done by hand with Core stays measurable as the "athanor-core" row (`createAthanorCoreLibrary`).
 */
import { type Connection, type Engine, insert, select, update } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { Session, selectinload } from '@athanor/orm'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { assembleUsers, idsOf } from './assemble'
import { Post, User } from './athanor-orm-models'
import { items, posts, postTags, tags, users } from './athanor-schema'
import { type BenchLibrary, W5_INCREMENT, packageVersion } from './library'

/**
 * W6 with the ORM: one query per level (users; posts IN (…); tags through post_tags IN (…)), each row
 * an object through the session's identity map. The objects are the checked shape as they are
 * (`user.posts`, `post.tags` are the loaded collections). The session is closed (rolled back: it only
 * read), which leaves the objects detached with their values and relationships.
 */
async function ormW6(engine: Engine): Promise<LoadedUser[]> {
  await using session = new Session(engine)
  // `return await`: the session must close after the query, not as the promise is returned.
  return await session.scalars(
    select(User)
      .where(User.c.id.le(SIZES.w6Users))
      .orderBy(User.c.id)
      .options(selectinload('posts').selectinload('tags')),
  )
}

/** W7 with the ORM: new User objects each holding their new Posts, `addAll` (save-update cascade), one commit. */
async function ormW7(engine: Engine, newUsers: readonly NewUser[]): Promise<void> {
  await using session = new Session(engine)
  session.addAll(
    newUsers.map(
      ({ name, email, age, isActive, posts }) =>
        new User({ name, email, age, isActive, posts: posts.map(({ title, body, views }) => new Post({ title, body, views })) } as ConstructorParameters<typeof User>[0]),
    ),
  )
  await session.commit()
}

/** Athanor with its ORM doing W6/W7: the "athanor" row. */
export function createAthanorLibrary(): BenchLibrary {
  return createLibrary(true)
}

/** Athanor Core doing W6/W7 by hand (the queries the ORM's loaders and flush stand for): the "athanor-core" row. */
export function createAthanorCoreLibrary(): BenchLibrary {
  return createLibrary(false)
}

function createLibrary(usesOrm: boolean): BenchLibrary {
  let engine: Engine | undefined
  let connection: Connection | undefined
  // A Session checks the pool's one connection out itself (and returns it at commit or close):
  // the Core workloads' connection is handed back first and checked out again when next needed.
  const sessionEngine = async (): Promise<Engine> => {
    if (engine === undefined) throw new Error('athanor: setup() first')
    await connection?.close()
    connection = undefined
    return engine
  }
  const connected = async (): Promise<{ engine: Engine; connection: Connection }> => {
    if (engine === undefined) throw new Error('athanor: setup() first')
    connection ??= await engine.connect()
    return { engine, connection }
  }

  const library: BenchLibrary = {
    name: usesOrm ? 'athanor' : 'athanor-core',
    label: usesOrm ? 'athanor' : 'athanor-core',
    versions: '',
    methods: {
      W6: usesOrm ? 'athanor (ORM)' : 'athanor-core (by hand)',
      W7: usesOrm ? 'athanor (ORM)' : 'athanor-core (by hand)',
    },
    async setup(fixture: Fixture) {
      engine = createEngine(fixture.athanorUrl, { poolSize: 1, maxOverflow: 0 })
      connection = await engine.connect()
      this.versions = usesOrm ? `@athanor/core ${packageVersion('@athanor/core')}, @athanor/orm ${packageVersion('@athanor/orm')}` : ''
    },

    W1(input: W1Input): CompiledSql {
      const statement = select(users.c.id, users.c.name, posts.c.id.label('postId'), posts.c.title)
        .join(posts, posts.c.userId.eq(users.c.id))
        .where(users.c.age.ge(input.minAge), users.c.isActive.eq(input.isActive), users.c.name.like(input.namePattern), posts.c.views.gt(input.minViews), users.c.id.in(input.userIds))
        .orderBy(posts.c.id.desc())
        .limit(input.limit)
      return statement.compile((engine as Engine).dialect)
    },

    async W2(ids): Promise<UserRow[]> {
      const { connection } = await connected()
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = (await connection.execute(select(users).where(users.c.id.eq(ids[index])))).one()
      await connection.commit() // "commit as you go": end the transaction the first statement began
      return rows
    },

    async W3(): Promise<UserRow[]> {
      const { connection } = await connected()
      const rows = (await connection.execute(select(users).orderBy(users.c.id))).all()
      await connection.commit()
      return rows
    },

    async W4(rows: readonly ItemRow[]) {
      const { connection } = await connected()
      for (const chunk of chunks(rows)) await connection.execute(insert(items).values(chunk))
      await connection.commit()
    },

    async W5(rows: readonly ItemRow[]) {
      const { engine, connection } = await connected()
      const hasReturning = engine.dialect.capabilities.insertReturning
      for (const row of rows) {
        const id = hasReturning
          ? (await connection.execute(insert(items).values(row).returning(items.c.id))).scalar()
          : Number((await connection.execute(insert(items).values(row))).insertId)
        await connection.execute(
          update(items)
            .where(items.c.id.eq(id as number))
            .values({ value: row.value + W5_INCREMENT }),
        )
        await connection.commit()
      }
    },

    async W6(): Promise<LoadedUser[]> {
      if (usesOrm) return ormW6(await sessionEngine())
      const { connection } = await connected()
      const userRows = (await connection.execute(select(users.c.id, users.c.name).where(users.c.id.le(SIZES.w6Users)).orderBy(users.c.id))).all()
      const postRows = (await connection.execute(select(posts.c.id, posts.c.userId, posts.c.title).where(posts.c.userId.in(idsOf(userRows))).orderBy(posts.c.id))).all()
      const tagRows = (
        await connection.execute(
          select(postTags.c.postId, tags.c.id, tags.c.name)
            .join(tags, tags.c.id.eq(postTags.c.tagId))
            .where(postTags.c.postId.in(idsOf(postRows)))
            .orderBy(postTags.c.postId, tags.c.id),
        )
      ).all()
      await connection.commit()
      return assembleUsers(userRows, postRows, tagRows)
    },

    async W7(newUsers: readonly NewUser[]) {
      if (usesOrm) return ormW7(await sessionEngine(), newUsers)
      const { engine, connection } = await connected()
      const userIds: number[] = []
      for (const chunk of chunks(newUsers)) {
        const values = chunk.map(({ name, email, age, isActive }) => ({ name, email, age, isActive }))
        if (engine.dialect.capabilities.insertReturning) {
          userIds.push(...(await connection.execute(insert(users).values(values).returning(users.c.id))).scalars())
        } else {
          // Without RETURNING, a multi-row INSERT reports its first key; InnoDB hands out consecutive ones.
          const firstId = Number((await connection.execute(insert(users).values(values))).insertId)
          chunk.forEach((_, offset) => userIds.push(firstId + offset))
        }
      }
      const postValues = newUsers.flatMap((user, index) => user.posts.map((post) => ({ userId: userIds[index], title: post.title, body: post.body, views: post.views })))
      for (const chunk of chunks(postValues)) await connection.execute(insert(posts).values(chunk))
      await connection.commit()
    },

    async teardown() {
      await connection?.close()
      await engine?.dispose()
      connection = undefined
      engine = undefined
    },
  }
  // The by-hand row exists for W6/W7 only; W1–W5 are the "athanor" row's.
  return usesOrm ? library : { ...library, W1: undefined, W2: undefined, W3: undefined, W4: undefined, W5: undefined }
}
