import { type CollectionListener, pushSilently, removeSilently, TrackedCollection } from './collection'

function recorder(): CollectionListener & { readonly events: string[] } {
  const events: string[] = []
  return {
    events,
    added: (item) => events.push(`+${(item as { name: string }).name}`),
    removed: (item) => events.push(`-${(item as { name: string }).name}`),
  }
}

const [a, b, c] = ['a', 'b', 'c'].map((name) => ({ name }))

describe('TrackedCollection', () => {
  it('reports the objects each mutating method adds and removes', () => {
    const listener = recorder()
    const list = TrackedCollection.withItems([a], listener)
    list.push(b, c)
    list.pop()
    list.unshift(c)
    list.shift()
    list.splice(0, 1, c)
    list.splice(1)
    expect(listener.events).toEqual(['+b', '+c', '-c', '+c', '-c', '-a', '+c', '-b'])
    expect([...list]).toEqual([c])
  })

  it('does not report an object that is still present (duplicates) or already present', () => {
    const listener = recorder()
    const list = TrackedCollection.withItems([a, a], listener)
    list.pop()
    list.push(a)
    list.splice(0, 0, b, b)
    expect(listener.events).toEqual(['+b'])
  })

  it('reports fill and copyWithin by membership', () => {
    const listener = recorder()
    const list = TrackedCollection.withItems([a, b], listener)
    list.fill(c, 1)
    expect(listener.events).toEqual(['-b', '+c'])
  })

  it('is a real array whose derived arrays are plain', () => {
    const list = TrackedCollection.withItems([a, b], recorder())
    expect(Array.isArray(list)).toBe(true)
    expect(list.map((item) => item.name)).toEqual(['a', 'b'])
    expect(list.filter(() => true)).not.toBeInstanceOf(TrackedCollection)
    expect(list).toEqual([a, b])
    expect(JSON.stringify(list)).toBe('[{"name":"a"},{"name":"b"}]')
  })

  it('has silent helpers for the other side of a relationship', () => {
    const listener = recorder()
    const list = TrackedCollection.withItems<{ name: string }>([], listener)
    pushSilently(list, a)
    pushSilently(list, a)
    removeSilently(list, a)
    expect(list.length).toBe(0)
    expect(listener.events).toEqual([])
  })
})
