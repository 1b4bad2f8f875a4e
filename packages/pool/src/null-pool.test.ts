import { FakeConnection, fakePoolOptions, settle } from '../test/support/fake-driver'
import { NullPool } from './null-pool'

describe('NullPool', () => {
  it('opens a connection per checkout and closes it on return', async () => {
    const { options, log } = fakePoolOptions()
    const pool = new NullPool(options)
    const [first, second] = [await pool.acquire(), await pool.acquire()]
    expect(first).not.toBe(second)
    expect(pool.status()).toEqual({ size: 2, checkedOut: 2, checkedIn: 0, overflow: 0, waiting: 0 })
    await pool.release(first)
    await pool.invalidate(second, 'requested')
    expect(pool.status()).toEqual({ size: 0, checkedOut: 0, checkedIn: 0, overflow: 0, waiting: 0 })
    expect(log).toEqual(['connect 1', 'connect 2', 'close 1', 'invalidate 2 requested', 'close 2'])
    await pool.dispose()
  })

  it('warns about a connection kept out too long', async () => {
    const warnings: string[] = []
    const pool = new NullPool(fakePoolOptions({ leakWarningMs: 10, warn: (message) => warnings.push(message) }).options)
    const connection = (await pool.acquire()) as FakeConnection
    while (warnings.length === 0) await settle()
    expect(warnings[0]).toMatch(/more than 10 ms \(poolLeakWarning\)[\s\S]*null-pool\.test\.ts/)
    await pool.release(connection)
    expect(connection.closes).toBe(1)
  })
})
