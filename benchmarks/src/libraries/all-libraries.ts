/** Every library under test, in table order: the floor first, then Athanor, then the peers. */
import { createAthanorCoreLibrary, createAthanorLibrary } from './athanor'
import { createDrizzleLibrary } from './drizzle'
import { createKnexLibrary } from './knex'
import { createKyselyLibrary } from './kysely'
import type { BenchLibrary } from './library'
import { createMikroOrmLibrary } from './mikro-orm'
import { createRawLibrary } from './raw'
import { createTypeormLibrary } from './typeorm'

export function allLibraries(): BenchLibrary[] {
  return [createRawLibrary(), createAthanorLibrary(), createAthanorCoreLibrary(), createKyselyLibrary(), createKnexLibrary(), createDrizzleLibrary(), createMikroOrmLibrary(), createTypeormLibrary()]
}
