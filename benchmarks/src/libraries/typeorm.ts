/**
 * TypeORM 1.x with EntitySchema mappings. W1 is its QueryBuilder; W2/W3 repository finds; W4/W5 its
 * insert/update calls; W6 `find` with nested `relations` (the default "join" strategy); W7 one
 * cascading `save` of the new users with their posts.
 */
import { DataSource, type DataSourceOptions, LessThanOrEqual } from 'typeorm'
import { SIZES } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type CompiledSql, type ItemRow, type LoadedUser, type NewUser, type UserRow, type W1Input, chunks } from '../workloads/data'
import { type BenchLibrary, W5_INCREMENT, packageVersion } from './library'
import { ItemEntity, PostEntity, TagEntity, type TypeormUser, UserEntity } from './typeorm-entities'

function optionsFor(fixture: Fixture): DataSourceOptions {
  const entities = [UserEntity, PostEntity, TagEntity, ItemEntity]
  if (fixture.kind === 'sqlite') return { type: 'better-sqlite3', database: fixture.sqliteFile, enableWAL: true, entities }
  const server = fixture.server!
  const connection = { host: server.host, port: server.port, username: server.user, password: server.password, database: server.database, entities }
  if (fixture.kind === 'postgresql') return { type: 'postgres', ...connection, poolSize: 1 }
  // The "mariadb" type lets TypeORM use MariaDB's INSERT … RETURNING.
  return { type: fixture.serverVersion.startsWith('MariaDB') ? 'mariadb' : 'mysql', ...connection, poolSize: 1 }
}

export function createTypeormLibrary(): BenchLibrary {
  let dataSource: DataSource | undefined
  const use = (): DataSource => {
    if (dataSource === undefined) throw new Error('typeorm: setup() first')
    return dataSource
  }

  return {
    name: 'typeorm',
    label: 'typeorm',
    versions: '',
    methods: { W6: 'typeorm (relations, join)', W7: 'typeorm (cascading save)' },
    async setup(fixture: Fixture) {
      dataSource = await new DataSource(optionsFor(fixture)).initialize()
      this.versions = `typeorm ${packageVersion('typeorm')}`
    },

    W1(input: W1Input): CompiledSql {
      const [sql, params] = use()
        .createQueryBuilder(UserEntity, 'u')
        .select(['u.id', 'u.name', 'p.id', 'p.title'])
        .innerJoin('u.posts', 'p')
        .where('u.age >= :minAge', { minAge: input.minAge })
        .andWhere('u.isActive = :isActive', { isActive: input.isActive })
        .andWhere('u.name LIKE :namePattern', { namePattern: input.namePattern })
        .andWhere('p.views > :minViews', { minViews: input.minViews })
        .andWhere('u.id IN (:...userIds)', { userIds: input.userIds })
        .orderBy('p.id', 'DESC')
        .limit(input.limit)
        .getQueryAndParameters()
      return { sql, params }
    },

    async W2(ids): Promise<UserRow[]> {
      const users = use().getRepository(UserEntity)
      const rows = new Array<UserRow>(ids.length)
      for (let index = 0; index < ids.length; index++) rows[index] = await users.findOneByOrFail({ id: ids[index] })
      return rows
    },

    W3: () => use().getRepository(UserEntity).find({ order: { id: 'ASC' } }),

    async W4(rows: readonly ItemRow[]) {
      await use().transaction(async (manager) => {
        // TypeORM writes generated keys back into the objects it inserts: give it copies.
        for (const chunk of chunks(rows)) await manager.insert(ItemEntity, chunk.map((row) => ({ ...row })))
      })
    },

    async W5(rows: readonly ItemRow[]) {
      const dataSource = use()
      for (const row of rows) {
        await dataSource.transaction(async (manager) => {
          const inserted = await manager.insert(ItemEntity, { ...row })
          await manager.update(ItemEntity, { id: inserted.identifiers[0].id as number }, { value: row.value + W5_INCREMENT })
        })
      }
    },

    W6: async (): Promise<LoadedUser[]> =>
      (await use()
        .getRepository(UserEntity)
        .find({ where: { id: LessThanOrEqual(SIZES.w6Users) }, relations: { posts: { tags: true } }, order: { id: 'ASC', posts: { id: 'ASC', tags: { id: 'ASC' } } } })) as LoadedUser[],

    async W7(newUsers: readonly NewUser[]) {
      const entities: Partial<TypeormUser>[] = newUsers.map(({ posts, ...user }) => ({ ...user, posts: posts.map((post) => ({ ...post })) as TypeormUser['posts'] }))
      await use().getRepository(UserEntity).save(entities)
    },

    async teardown() {
      await dataSource?.destroy()
      dataSource = undefined
    },
  }
}
