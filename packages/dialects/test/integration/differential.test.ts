/**
 * Differential test: randomly generated queries over one small seeded data set must return the same
 * rows on every database, so a compiler bug in one dialect shows up as a disagreement.
 */
import fc from 'fast-check'
import {
  type Condition,
  type Engine,
  type Executable,
  MetaData,
  and,
  func,
  insert,
  integer,
  not,
  or,
  select,
  varchar,
} from '@athanor/core'
import { createEngine } from '@athanor/dialects'
import { ALL_DIALECTS, AVAILABLE_DIALECTS_ENV, DATABASE_URLS, type DialectName } from '../support/database-urls'

const metadata = new MetaData()
const items = metadata.table('diff_items', {
  id: integer().primaryKey(),
  category: varchar(10).notNull(),
  name: varchar(20).notNull(),
  price: integer().notNull(),
  quantity: integer(),
})

const CATEGORIES = ['tools', 'toys', 'books', 'food']
// Lower-case ASCII only: MySQL's default collation compares case-insensitively, the others do not.
const NAMES = ['anvil', 'ball', 'cart', 'drum', 'easel', 'fork', 'gear', 'hook']

const rows = Array.from({ length: 48 }, (_, index) => ({
  id: index + 1,
  category: CATEGORIES[index % CATEGORIES.length],
  name: `${NAMES[index % NAMES.length]}${index % 5}`,
  price: (index * 37) % 100,
  quantity: index % 7 === 0 ? null : (index * 13) % 20,
}))

type NumericColumn = typeof items.c.price | typeof items.c.quantity | typeof items.c.id

const numericColumn = fc.constantFrom<NumericColumn>(items.c.price, items.c.quantity, items.c.id)
const smallNumber = fc.integer({ min: -5, max: 105 })

const comparison: fc.Arbitrary<Condition> = fc.oneof(
  fc.tuple(numericColumn, fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge' as const), smallNumber).map(([column, operator, value]) => column[operator](value)),
  fc.tuple(numericColumn, smallNumber, smallNumber).map(([column, low, high]) => column.between(Math.min(low, high), Math.max(low, high))),
  fc.tuple(numericColumn, fc.array(smallNumber, { maxLength: 4 })).map(([column, values]) => column.in(values)),
  fc.tuple(numericColumn, fc.array(smallNumber, { maxLength: 3 })).map(([column, values]) => column.notIn(values)),
  fc.constantFrom<Condition>(items.c.quantity.isNull(), items.c.quantity.isNotNull()),
  fc.constantFrom(...CATEGORIES).map((category) => items.c.category.eq(category)),
  fc.constantFrom('a%', '%l%', 'c_rt%', '%1', 'x%').map((pattern) => items.c.name.like(pattern)),
  fc.constantFrom('A%', '%L%').map((pattern) => items.c.name.ilike(pattern)),
)

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((parts) => and(...parts)),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((parts) => or(...parts)),
    tie('node').map((part) => not(part)),
  ),
})).node

/** A plain select of some columns, or a grouped aggregate, with a filter and sometimes a page. */
const query: fc.Arbitrary<Executable<Record<string, unknown>>> = fc.oneof(
  fc.tuple(condition, fc.boolean(), fc.nat(10), fc.nat(5)).map(([where, paged, limit, offset]) => {
    const statement = select(items.c.id, items.c.name, items.c.quantity).where(where).orderBy(items.c.id)
    return paged ? statement.limit(limit).offset(offset) : statement
  }),
  fc.tuple(condition, numericColumn).map(([where, column]) =>
    select({ category: items.c.category, n: func.count(), total: func.sum(column), low: func.min(column), high: func.max(column) })
      .from(items)
      .where(where)
      .groupBy(items.c.category),
  ),
  condition.map((where) => select({ n: func.count(), distinctPrices: func.count(items.c.price) }).from(items).where(where)),
)

function availableDialects(): DialectName[] {
  const listed = process.env[AVAILABLE_DIALECTS_ENV]
  return listed === undefined ? ALL_DIALECTS : (listed.split(',').filter((name) => (ALL_DIALECTS as string[]).includes(name)) as DialectName[])
}

// Numbers from aggregates may arrive as number or numeric text depending on the driver; compare values.
function normalise(result: readonly Record<string, unknown>[]): string[] {
  return result.map((row) => JSON.stringify(Object.entries(row).map(([key, value]) => [key, value === null ? null : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value]))).sort()
}

const dialects = availableDialects()
const describeIfSeveral = dialects.length >= 2 ? describe : describe.skip

describeIfSeveral(`differential: the same random queries agree on ${dialects.join(', ')}`, () => {
  const engines = new Map<DialectName, Engine>()

  beforeAll(async () => {
    for (const dialect of dialects) {
      const engine = createEngine(DATABASE_URLS[dialect])
      await metadata.dropAll(engine)
      await metadata.createAll(engine)
      await engine.begin(async (connection) => {
        await connection.execute(insert(items).values(rows))
      })
      engines.set(dialect, engine)
    }
  })

  afterAll(async () => {
    for (const engine of engines.values()) {
      await metadata.dropAll(engine)
      await engine.dispose()
    }
  })

  it('returns the same rows for 300 generated queries (fixed seed)', async () => {
    const connections = new Map(await Promise.all([...engines].map(async ([name, engine]) => [name, await engine.connect()] as const)))
    try {
      await fc.assert(
        fc.asyncProperty(query, async (statement) => {
          const results = new Map<DialectName, string[]>()
          for (const [name, connection] of connections) results.set(name, normalise((await connection.execute(statement)).all()))
          const [first, ...others] = [...results.entries()]
          for (const [name, result] of others) {
            expect({ dialect: name, sql: statement.compile(engines.get(name)!.dialect).sql, rows: result }).toEqual({
              dialect: name,
              sql: statement.compile(engines.get(name)!.dialect).sql,
              rows: first[1],
            })
          }
        }),
        { seed: 20261122, numRuns: 300 },
      )
    } finally {
      for (const connection of connections.values()) await connection.close()
    }
  })
})
