import { MetaData, integer, select, varchar } from '../index'
import { shapeOf } from './shape-key'

const users = new MetaData().table('shape_users', { id: integer().primaryKey(), name: varchar(20) })
// Loader options are opaque frozen data that the key includes as is: a handy way to put any value in a node.
const keyWith = (value: unknown) => shapeOf(select(users).options(Object.freeze({ kind: 'TestOption', value })).node).key

describe('shape keys', () => {
  it('are equal for statements that differ only in bound values', () => {
    const first = shapeOf(select(users).where(users.c.id.eq(1), users.c.name.like('a%')).node)
    const second = shapeOf(select(users).where(users.c.id.eq(2), users.c.name.like('b%')).node)
    expect(second.key).toBe(first.key)
    expect(second.values.map((node) => node.value)).toEqual([2, 'b%'])
  })

  it('tell apart numbers, strings, booleans and nested objects written in a node', () => {
    const child = Object.freeze({ kind: 'TestChild' })
    const keys = [3, 4, '3', '#3', 3n, true, 'true', undefined, null, child, Object.freeze([3]), Object.freeze({ number: 3 })].map(keyWith)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keyWith(3)).toBe(keyWith(3))
    expect(keyWith('3')).toBe(keyWith('3'))
  })

  it('tell apart a child whose token could equal a number', () => {
    // Tokens are small integers: whatever number a subtree got, a literal number never matches it.
    const keys = Array.from({ length: 50 }, (_, index) => keyWith(index))
    const nested = Array.from({ length: 50 }, (_, index) => keyWith(Object.freeze({ kind: 'TestChild', index: String(index) })))
    expect(new Set([...keys, ...nested]).size).toBe(100)
  })

  it('start over past the trie limit and stay exact afterwards (tokens are never reused)', () => {
    const before = keyWith('a')
    // Each distinct value adds a few trie nodes; enough of them pass the limit (500,000 nodes).
    for (let index = 0; index < 200_000; index++) keyWith(`flood ${index}`)
    const after = keyWith('a')
    expect(after).not.toBe(before) // the trie started over, and the old token is not handed out again
    expect(keyWith('a')).toBe(after)
    expect(keyWith('b')).not.toBe(after)
    const rebuilt = shapeOf(select(users).where(users.c.id.eq(7)).node)
    expect(rebuilt.key).toBe(shapeOf(select(users).where(users.c.id.eq(8)).node).key)
    expect(rebuilt.values.map((node) => node.value)).toEqual([7])
  })

  it('tell apart plain objects with different property names', () => {
    expect(keyWith(Object.freeze({ a: 'b', c: 'd' }))).not.toBe(keyWith(Object.freeze({ a: 'b', e: 'd' })))
    expect(keyWith(Object.freeze({ a: 'b' }))).not.toBe(keyWith(Object.freeze({ b: 'a' })))
  })
})
