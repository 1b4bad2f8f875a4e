import { posts, users } from '../../test/fixtures'
import { MetaData, date, timestamp, uuid, blob, smallint, bigint } from '../index'
import { createInsertSchema, createSelectSchema, createUpdateSchema } from './table-schemas'

describe('schemas derived from a table', () => {
  const insertUser = createInsertSchema(users)

  it('accepts a minimal insert body and leaves defaulted, nullable and autoincrement columns optional', () => {
    expect(insertUser.parse({ name: 'Ada', email: 'ada@example.com' })).toEqual({ name: 'Ada', email: 'ada@example.com' })
    expect(insertUser.parse({ name: 'Ada', email: 'a@b.c', age: null, isActive: false })).toEqual({ name: 'Ada', email: 'a@b.c', age: null, isActive: false })
  })

  it('reports every field that is wrong, by path', () => {
    const result = insertUser.safeParse({ name: 'x'.repeat(51), age: 1.5, isActive: 'yes' })
    expect(result.success).toBe(false)
    const paths = result.error!.issues.map((issue) => issue.path.join('.')).sort()
    expect(paths).toEqual(['age', 'email', 'isActive', 'name'])
  })

  it('follows enums, exact numerics and JSON', () => {
    const insertPost = createInsertSchema(posts)
    expect(insertPost.safeParse({ userId: 1, title: 't', status: 'archived' }).success).toBe(false)
    expect(insertPost.safeParse({ userId: 1, title: 't', rating: 4.5 }).success).toBe(false)
    expect(insertPost.parse({ userId: 1, title: 't', rating: '4.5', meta: { tags: ['a'] } })).toMatchObject({ rating: '4.5', meta: { tags: ['a'] } })
  })

  it('select schemas require every column; update schemas none', () => {
    expect(createSelectSchema(users).safeParse({ id: 1, name: 'a', email: 'e' }).success).toBe(false)
    expect(createUpdateSchema(users).parse({})).toEqual({})
    expect(createUpdateSchema(users).safeParse({ email: null }).success).toBe(false)
    expect(createUpdateSchema(users).parse({ age: null })).toEqual({ age: null })
  })

  it('dates take a Date or text and yield what the column stores; timestamps yield a Date', () => {
    const metadata = new MetaData()
    const events = metadata.table('events', { day: date().notNull(), at: timestamp().notNull(), id: uuid(), data: blob(), small: smallint(), big: bigint() })
    const schema = createInsertSchema(events)
    expect(schema.parse({ day: new Date('2024-02-29T00:00:00Z'), at: '2024-03-01T10:00:00Z' })).toEqual({ day: '2024-02-29', at: new Date('2024-03-01T10:00:00Z') })
    expect(schema.safeParse({ day: '29/02/2024', at: new Date() }).success).toBe(false)
    expect(schema.safeParse({ day: '2024-02-29', at: 'tomorrow' }).success).toBe(false)
    expect(schema.safeParse({ day: '2024-02-29', at: new Date(), id: 'not-a-uuid' }).success).toBe(false)
    expect(schema.safeParse({ day: '2024-02-29', at: new Date(), small: 40_000 }).success).toBe(false)
    expect(schema.parse({ day: '2024-02-29', at: new Date(0), data: Buffer.from([1]), big: 5n })).toMatchObject({ big: 5n })
  })

  it('takes a mapped class (anything with a static table) as well as a table', () => {
    class Person {
      static readonly table = users
    }
    expect(Object.keys(createInsertSchema(Person).shape)).toEqual(Object.keys(createInsertSchema(users).shape))
    expect(createInsertSchema(Person).safeParse({ name: 'a' }).success).toBe(false)
  })

  it('applies per-field refinements and zod extension', () => {
    const strict = createInsertSchema(users, { email: (schema) => schema.refine((value) => value.endsWith('@example.com'), 'company address only') }).extend({
      acceptTerms: createInsertSchema(users).shape.isActive,
    })
    expect(strict.safeParse({ name: 'a', email: 'a@elsewhere.org' }).error?.issues[0].message).toBe('company address only')
    expect(strict.parse({ name: 'a', email: 'a@example.com', acceptTerms: true })).toEqual({ name: 'a', email: 'a@example.com', acceptTerms: true })
  })
})
