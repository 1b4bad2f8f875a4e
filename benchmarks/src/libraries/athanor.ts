/**
 * Athanor Core over its own engine: one connection, statements built per call as users write them.
 * W6/W7 are done by hand with Core until the ORM (issues #6, #7) lands: see `ormW6` / `ormW7`.
 */
import { type Connection, type Engine, insert, select, update } from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { assembleUsers, idsOf } from './assemble'
import { items, posts, postTags, tags, users } from './athanor-schema'
import { type BenchLibrary, W5_INCREMENT, packageVersion } from './library'

/**
 * ORM PLUG-IN POINT (W6). When @athanor/orm lands, replace `undefined` with the Session version, e.g.
 *   async (engine) => {
 *     await using session = new Session(engine)
 *     return session.scalars(select(User).where(User.c.id.le(200)).orderBy(User.c.id)
 *       .options(selectinload('posts').selectinload('tags')))
 *   }
 * The row's W6 label then reads "athanor (ORM)" instead of "athanor-core (by hand)".
 */
const ormW6: ((engine: Engine) => Promise<LoadedUser[]>) | undefined = undefined

/**
 * ORM PLUG-IN POINT (W7): `session.addAll(newUsers mapped to User objects, each with its posts)` (cascade
 * "save-update"), then one `await session.commit()`. Until the ORM exists: undefined.
 */
const ormW7: ((engine: Engine, newUsers: readonly NewUser[]) => Promise<void>) | undefined = undefined

export function createAthanorLibrary(): BenchLibrary {
  let engine: Engine | undefined
  let connection: Connection | undefined
  const use = (): { engine: Engine; connection: Connection } => {
    if (engine === undefined || connection === undefined) throw new Error('athanor: setup() first')
    return { engine, connection }
  }

  return {
    name: 'athanor',
    label: 'athanor',
    versions: '',
    methods: {
      W6: ormW6 ? 'athanor (ORM)' : 'athanor-core (by hand)',
      W7: ormW7 ? 'athanor (ORM)' : 'athanor-core (by hand)',
    },
    async setup(fixture: Fixture) {
      engine = createEngine(fixture.athanorUrl)
      connection = await engine.connect()
      this.versions = `@athanor/core ${packageVersion('@athanor/core')}`
    },

    W1(input: W1Input): CompiledSql {
      const statement = select(users.c.id, users.c.name, posts.c.id.label('postId'), posts.c.title)
        .join(posts, posts.c.userId.eq(users.c.id))
        .where(users.c.age.ge(input.minAge), users.c.isActive.eq(input.isActive), users.c.name.like(input.namePattern), posts.c.views.gt(input.minViews), users.c.id.in(input.userIds))
        .orderBy(posts.c.id.desc())
        .limit(input.limit)
      return statement.compile(use().engine.dialect)
    },

    async W2(ids): Promise<UserRow[]> {
      const { connection } = use()
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = (await connection.execute(select(users).where(users.c.id.eq(ids[index])))).one()
      await connection.commit() // "commit as you go": end the transaction the first statement began
      return rows
    },

    async W3(): Promise<UserRow[]> {
      const { connection } = use()
      const rows = (await connection.execute(select(users).orderBy(users.c.id))).all()
      await connection.commit()
      return rows
    },

    async W4(rows: readonly ItemRow[]) {
      const { connection } = use()
      for (const chunk of chunks(rows)) await connection.execute(insert(items).values(chunk))
      await connection.commit()
    },

    async W5(rows: readonly ItemRow[]) {
      const { engine, connection } = use()
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
      const { engine, connection } = use()
      if (ormW6) return ormW6(engine)
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
      const { engine, connection } = use()
      if (ormW7) return ormW7(engine, newUsers)
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
}
