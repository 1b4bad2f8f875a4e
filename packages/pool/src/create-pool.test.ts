import { fakePoolOptions, settle } from '../test/support/fake-driver'
import { createPool } from './create-pool'

describe('createPool', () => {
  it('"static" lends one connection to one caller at a time and never recycles it', async () => {
    const { options, opened } = fakePoolOptions({ poolSize: 5, maxOverflow: 5, poolRecycle: 1 })
    const pool = createPool('static', options)
    const first = await pool.acquire()
    const second = pool.acquire()
    await settle()
    expect(pool.status()).toEqual({ size: 1, checkedOut: 1, checkedIn: 0, overflow: 0, waiting: 1 })
    await pool.release(first)
    expect(await second).toBe(first)
    expect(opened).toHaveLength(1)
    await pool.release(first)
    await pool.dispose()
  })
})
