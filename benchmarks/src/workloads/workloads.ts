/** W1–W7: what each workload times, what it resets before a round, and how it checks the result. */
import { ROUND_PLANS, type RoundPlan, SIZES, type WorkloadId } from '../config'
import type { Fixture } from '../fixtures/fixture'
import { type BenchLibrary, W5_INCREMENT } from '../libraries/library'
import type { RoundHooks } from '../measure'
import { checkCompiled, checkEagerLoad, checkInsertedItems, checkNewUsers, checkUsers } from './checks'
import { type LoadedUser, type UserRow, itemRows, w1Inputs, w2Ids, w7Users } from './data'

export interface Workload {
  readonly id: Exclude<WorkloadId, 'W8'>
  readonly title: string
  readonly plan: RoundPlan
  /** The round hooks for one library, or undefined when the library does not do this workload. */
  hooks(library: BenchLibrary, fixture: Fixture): RoundHooks<unknown> | undefined
  /** Leaves the database as seeded for the next workload. */
  cleanUp?(fixture: Fixture): Promise<void>
}

/** Inputs are frozen: a library that writes into them (generated keys, say) fails loudly instead of skewing the next one. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const inputs = deepFreeze({
  w1: w1Inputs(),
  w2: w2Ids(),
  w3: Array.from({ length: SIZES.userCount }, (_, index) => index + 1),
  w4: itemRows(SIZES.w4Rows),
  w5: itemRows(SIZES.w5Transactions),
  w7: w7Users(),
})

const resetItems = async (fixture: Fixture): Promise<void> => {
  await fixture.resetItems()
  await fixture.maintain()
}

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'W1',
    title: `W1 build+compile a join with 5 conditions ×${SIZES.w1Builds} (no database)`,
    plan: ROUND_PLANS.W1,
    hooks: (library) => {
      const build = library.W1?.bind(library)
      if (!build) return undefined
      return {
        work: async () => {
          const first = build(inputs.w1[0])
          let last = first
          for (let index = 1; index < inputs.w1.length; index++) last = build(inputs.w1[index])
          return { first, last }
        },
        check: async ({ first, last }) => {
          checkCompiled(library.name, first, inputs.w1[0])
          checkCompiled(library.name, last, inputs.w1[inputs.w1.length - 1])
        },
      }
    },
  },
  {
    id: 'W2',
    title: `W2 primary-key lookup ×${SIZES.w2Lookups}`,
    plan: ROUND_PLANS.W2,
    hooks: (library) => {
      const lookUp = library.W2?.bind(library)
      return lookUp && { work: () => lookUp(inputs.w2), check: async (rows: UserRow[]) => checkUsers(`${library.name} W2`, rows, inputs.w2) }
    },
  },
  {
    id: 'W3',
    title: `W3 fetch ${SIZES.userCount} rows as objects`,
    plan: ROUND_PLANS.W3,
    hooks: (library) => {
      const fetch = library.W3?.bind(library)
      return fetch && { work: () => fetch(), check: async (rows: UserRow[]) => checkUsers(`${library.name} W3`, rows, inputs.w3) }
    },
  },
  {
    id: 'W4',
    title: `W4 insert ${SIZES.w4Rows} rows in one transaction`,
    plan: ROUND_PLANS.W4,
    hooks: (library, fixture) => {
      const insertAll = library.W4?.bind(library)
      return (
        insertAll && {
          before: () => fixture.resetItems(),
          work: () => insertAll(inputs.w4),
          check: () => checkInsertedItems(`${library.name} W4`, fixture, SIZES.w4Rows, 0),
        }
      )
    },
    cleanUp: resetItems,
  },
  {
    id: 'W5',
    title: `W5 begin/insert/update/commit ×${SIZES.w5Transactions}`,
    plan: ROUND_PLANS.W5,
    hooks: (library, fixture) => {
      const transact = library.W5?.bind(library)
      return (
        transact && {
          before: () => fixture.resetItems(),
          work: () => transact(inputs.w5),
          check: () => checkInsertedItems(`${library.name} W5`, fixture, SIZES.w5Transactions, W5_INCREMENT),
        }
      )
    },
    cleanUp: resetItems,
  },
  {
    id: 'W6',
    title: `W6 eager load ${SIZES.w6Users} users + posts + tags`,
    plan: ROUND_PLANS.W6,
    hooks: (library) => {
      const load = library.W6?.bind(library)
      return load && { work: () => load(), check: async (users: LoadedUser[]) => checkEagerLoad(library.name, users) }
    },
  },
  {
    id: 'W7',
    title: `W7 unit of work: ${SIZES.w7Users} users × ${SIZES.w7PostsPerUser} posts, one flush`,
    plan: ROUND_PLANS.W7,
    hooks: (library, fixture) => {
      const flush = library.W7?.bind(library)
      return (
        flush && {
          before: () => fixture.deleteNewUsers(),
          work: () => flush(inputs.w7),
          check: () => checkNewUsers(library.name, fixture, inputs.w7),
        }
      )
    },
    cleanUp: async (fixture) => {
      await fixture.deleteNewUsers()
      await fixture.maintain()
    },
  },
]
