import { ArgumentError } from '@athanor/core'
import { parseCascade } from './cascade-options'

describe('parseCascade', () => {
  it('expands "all" to everything but delete-orphan', () => {
    expect(parseCascade('all', 'X.y')).toEqual({ saveUpdate: true, merge: true, delete: true, deleteOrphan: false, expunge: true, refreshExpire: true })
    expect(parseCascade('all, delete-orphan', 'X.y').deleteOrphan).toBe(true)
  })

  it('reads single options and "none"', () => {
    expect(parseCascade('save-update, merge', 'X.y')).toMatchObject({ saveUpdate: true, merge: true, delete: false })
    expect(parseCascade('none', 'X.y')).toMatchObject({ saveUpdate: false, merge: false })
  })

  it('names the relationship and the bad word', () => {
    expect(() => parseCascade('all, delete-orphans', 'User.posts')).toThrow(ArgumentError)
    expect(() => parseCascade('all, delete-orphans', 'User.posts')).toThrow(/User\.posts cascade.*"delete-orphans"/)
  })
})
