/**
 * MikroORM 6 (v7 needs Node 22): EntityManager forks per round, so every round starts with an empty
 * identity map. W1 is its QueryBuilder; W4/W5 its native insert/update calls; W6 `find` with
 * `populate` (the default "joined" strategy); W7 `em.create` + one `flush`.
 */
import { type EntityManager, type MikroORM, type Options, QueryFlag } from '@mikro-orm/core'
import BetterSqlite3 from 'better-sqlite3'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { type BenchLibrary, W5_INCREMENT, packageDirectory, packageVersion } from './library'
import { Item, ItemSchema, Post, PostSchema, TagSchema, User, UserSchema } from './mikro-orm-entities'

/** The QueryBuilder calls W1 makes; each driver package brings its own copy of @mikro-orm/knex. */
interface QueryBuilderLike {
  select(fields: string[]): QueryBuilderLike
  join(field: string, alias: string): QueryBuilderLike
  where(condition: Record<string, unknown>): QueryBuilderLike
  orderBy(order: Record<string, string>): QueryBuilderLike
  limit(count: number): QueryBuilderLike
  setFlag(flag: QueryFlag): QueryBuilderLike
  getQuery(): string
  getParams(): readonly unknown[]
}

async function initialize(fixture: Fixture): Promise<{ orm: MikroORM; driverPackage: string }> {
  const common: Options = {
    entities: [UserSchema, PostSchema, TagSchema, ItemSchema],
    debug: false,
    pool: { min: 1, max: 1 },
    discovery: { warnWhenNoEntities: false },
  }
  if (fixture.kind === 'sqlite') {
    const { MikroORM, BetterSqliteDriver, BetterSqliteKnexDialect } = await import('@mikro-orm/better-sqlite')
    // @mikro-orm/better-sqlite 6.6.16 pins better-sqlite3 11.10.0. Two SQLite libraries in one process
    // corrupt a WAL database (each drops the other's POSIX locks: sqlite.org/howtocorrupt.html §2.2.1),
    // so MikroORM is handed the workspace's better-sqlite3, the one every other library here uses.
    ;(BetterSqliteKnexDialect.prototype as unknown as { _driver(): unknown })._driver = () => BetterSqlite3
    return { orm: (await MikroORM.init({ ...common, driver: BetterSqliteDriver, dbName: fixture.sqliteFile })) as unknown as MikroORM, driverPackage: '@mikro-orm/better-sqlite' }
  }
  const server = fixture.server!
  const connection = { host: server.host, port: server.port, user: server.user, password: server.password, dbName: server.database }
  if (fixture.kind === 'postgresql') {
    const { MikroORM, PostgreSqlDriver } = await import('@mikro-orm/postgresql')
    return { orm: (await MikroORM.init({ ...common, ...connection, driver: PostgreSqlDriver })) as unknown as MikroORM, driverPackage: '@mikro-orm/postgresql' }
  }
  const { MikroORM, MySqlDriver } = await import('@mikro-orm/mysql')
  return { orm: (await MikroORM.init({ ...common, ...connection, driver: MySqlDriver })) as unknown as MikroORM, driverPackage: '@mikro-orm/mysql' }
}

export function createMikroOrmLibrary(): BenchLibrary {
  let orm: MikroORM | undefined
  let builderEm: EntityManager | undefined
  const fork = (): EntityManager => {
    if (orm === undefined) throw new Error('mikro-orm: setup() first')
    return orm.em.fork()
  }

  return {
    name: 'mikro-orm',
    label: 'mikro-orm',
    versions: '',
    methods: { W6: 'mikro-orm (populate, joined)', W7: 'mikro-orm (unit of work)' },
    async setup(fixture: Fixture) {
      const initialized = await initialize(fixture)
      orm = initialized.orm
      builderEm = orm.em.fork()
      const driverName = { sqlite: 'better-sqlite3', postgresql: 'pg', mysql: 'mysql2' }[fixture.kind]
      const driverVersion = fixture.kind === 'sqlite' ? packageVersion(driverName) : packageVersion(driverName, packageDirectory('knex', packageDirectory('@mikro-orm/knex', packageDirectory(initialized.driverPackage))))
      this.versions = `@mikro-orm/core ${packageVersion('@mikro-orm/core')} (${driverName} ${driverVersion})`
    },

    W1(input: W1Input): CompiledSql {
      const em = builderEm as unknown as { createQueryBuilder(entity: typeof User, alias: string): QueryBuilderLike }
      const builder = em
        .createQueryBuilder(User, 'u')
        .select(['u.id', 'u.name', 'p.id', 'p.title'])
        .join('u.posts', 'p')
        .where({ 'u.age': { $gte: input.minAge }, 'u.isActive': input.isActive, 'u.name': { $like: input.namePattern }, 'p.views': { $gt: input.minViews }, 'u.id': { $in: input.userIds } })
        .orderBy({ 'p.id': 'desc' })
        .limit(input.limit)
        // A limit over a to-many join makes MikroORM page by root entity (a wrapping subquery):
        // switched off, so the statement is the same as every other library's.
        .setFlag(QueryFlag.DISABLE_PAGINATE)
      return { sql: builder.getQuery(), params: builder.getParams() }
    },

    async W2(ids): Promise<UserRow[]> {
      const em = fork()
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = await em.findOneOrFail(User, ids[index])
      return rows
    },

    W3: () => fork().find(User, {}, { orderBy: { id: 'asc' } }),

    async W4(rows: readonly ItemRow[]) {
      await fork().transactional(async (em) => {
        // MikroORM writes into the data objects it is given: hand it copies.
        for (const chunk of chunks(rows)) await em.insertMany(Item, chunk.map((row) => ({ ...row }) as Item))
      })
    },

    async W5(rows: readonly ItemRow[]) {
      const em = fork()
      for (const row of rows) {
        await em.transactional(async (transaction) => {
          const id = await transaction.insert(Item, { ...row } as Item)
          await transaction.nativeUpdate(Item, { id }, { value: row.value + W5_INCREMENT })
        })
      }
    },

    W6: (): Promise<LoadedUser[]> =>
      fork().find(User, { id: { $lte: SIZES.w6Users } }, { populate: ['posts', 'posts.tags'], orderBy: { id: 'asc', posts: { id: 'asc', tags: { id: 'asc' } } } }),

    async W7(newUsers: readonly NewUser[]) {
      const em = fork()
      for (const { posts, ...data } of newUsers) {
        const user = em.create(User, data)
        for (const post of posts) em.create(Post, { ...post, author: user })
      }
      await em.flush()
    },

    async teardown() {
      await orm?.close(true)
      orm = undefined
      builderEm = undefined
    },
  }
}
