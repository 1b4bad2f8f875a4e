import { func } from '../index'
import { posts } from '../../test/fixtures'

describe('window specifications', () => {
  const frameOf = (frame: Parameters<ReturnType<typeof func.rowNumber>['over']>[0]) => {
    const node = func.rowNumber().over(frame).node
    return node.kind === 'WindowFunctionNode' ? node.frame : undefined
  }

  it('reads null as unbounded, 0 as the current row, signs as preceding and following', () => {
    expect(frameOf({ frame: { rows: [null, 0] } })).toMatchObject({ unit: 'rows', start: { position: 'unbounded preceding' }, end: { position: 'current row' } })
    expect(frameOf({ frame: { range: [-3, null] } })).toMatchObject({
      unit: 'range',
      start: { position: 'preceding', offset: { kind: 'ValueNode', value: 3 } },
      end: { position: 'unbounded following' },
    })
    expect(frameOf({ frame: { rows: [1, 2] } })).toMatchObject({ start: { position: 'following' }, end: { position: 'following' } })
  })

  it('refuses frames that cannot be written', () => {
    expect(() => frameOf({ frame: { rows: [2, 1] } })).toThrow(/starts after it ends/)
    expect(() => frameOf({ frame: { rows: [0.5, 1] } })).toThrow(/integer/)
    expect(() => frameOf({ frame: { rows: [null, 0], range: [null, 0] } as never })).toThrow(/either/)
  })

  it('maps the window function names to SQL and keeps other names as written', () => {
    expect(func.denseRank().node.name).toBe('dense_rank')
    expect(func.nthValue(posts.c.title, 2).node.name).toBe('nth_value')
    expect(func.jsonExtract(posts.c.meta).node.name).toBe('jsonExtract')
  })
})
