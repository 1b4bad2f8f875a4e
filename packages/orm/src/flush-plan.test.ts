import { FlushError } from './errors/flush-error'
import { levelize } from './flush-plan'

interface TestNode {
  readonly name: string
  readonly dependsOn: Set<TestNode>
}

const node = (name: string, ...dependsOn: TestNode[]): TestNode => ({ name, dependsOn: new Set(dependsOn) })
const names = (levels: TestNode[][]): string[][] => levels.map((level) => level.map((n) => n.name))

describe('levelize (the order of a flush)', () => {
  it('puts each node after what it depends on, grouping independent nodes in one level', () => {
    const user = node('user')
    const tag = node('tag')
    const post = node('post', user)
    const comment = node('comment', post, user)
    expect(names(levelize([comment, post, tag, user], (n) => n.dependsOn, () => false))).toEqual([['tag', 'user'], ['post'], ['comment']])
  })

  it('orders a self-referential chain one level per depth', () => {
    const root = node('root')
    const child = node('child', root)
    const grandchild = node('grandchild', child)
    expect(names(levelize([grandchild, child, root], (n) => n.dependsOn, () => false))).toEqual([['root'], ['child'], ['grandchild']])
  })

  it('ignores dependencies on nodes outside the set (rows that already exist)', () => {
    const outside = node('outside')
    expect(names(levelize([node('inside', outside)], (n) => n.dependsOn, () => false))).toEqual([['inside']])
  })

  it('asks breakCycle to remove a dependency when the rest wait on each other', () => {
    const a = node('a')
    const b = node('b', a)
    a.dependsOn.add(b)
    const broken: string[] = []
    const levels = levelize([a, b], (n) => n.dependsOn, (stuck) => {
      broken.push(stuck.map((n) => n.name).join(','))
      a.dependsOn.delete(b)
      return true
    })
    expect(broken).toEqual(['a,b'])
    expect(names(levels)).toEqual([['a'], ['b']])
  })

  it('throws FlushError when a cycle cannot be broken', () => {
    const a = node('a')
    a.dependsOn.add(a)
    expect(() => levelize([a], (n) => n.dependsOn, () => false, (n) => n.name)).toThrow(FlushError)
    expect(() => levelize([a], (n) => n.dependsOn, () => false, (n) => n.name)).toThrow(/INSERTs of a:/)
  })
})
