import { ArgumentError } from '../errors/argument-error'
import { parseEngineOptions } from './engine-options'

function messageFor(options: unknown): string {
  try {
    parseEngineOptions(options)
  } catch (error) {
    expect(error).toBeInstanceOf(ArgumentError)
    return (error as Error).message
  }
  throw new Error('expected the options to be rejected')
}

describe('parseEngineOptions', () => {
  it('fills the pool defaults; poolLeakWarning is off unless set', () => {
    expect(parseEngineOptions({})).toEqual({ poolSize: 5, maxOverflow: 10, poolTimeout: 30_000, poolRecycle: 0, poolPrePing: false, echo: false })
    expect(parseEngineOptions({ poolLeakWarning: 500 }).poolLeakWarning).toBe(500)
  })

  it.each([
    [{ poolSize: 0 }, '"poolSize": 0. Expected an integer from 1 to 10000 (connections).'],
    [{ poolSize: 2.5 }, '"poolSize": 2.5. Expected an integer from 1 to 10000 (connections).'],
    [{ poolSize: '5' }, '"poolSize": "5". Expected an integer from 1 to 10000 (connections).'],
    [{ poolSize: Number.NaN }, '"poolSize": NaN. Expected an integer from 1 to 10000 (connections).'],
    [{ maxOverflow: -1 }, '"maxOverflow": -1. Expected an integer from 0 to 10000 (connections).'],
    [{ poolTimeout: 0 }, '"poolTimeout": 0. Expected an integer from 1 to 3600000 (milliseconds).'],
    [{ poolTimeout: 4_000_000 }, '"poolTimeout": 4000000. Expected an integer from 1 to 3600000 (milliseconds).'],
    [{ poolRecycle: -1 }, '"poolRecycle": -1. Expected an integer from 0 to 2147483647 (milliseconds, 0 = never).'],
    [{ poolPrePing: 'yes' }, '"poolPrePing": "yes". Expected true or false.'],
    [{ poolClass: 'lifo' }, '"poolClass": "lifo". Expected one of "queue", "null", "static".'],
    [{ poolLeakWarning: 0 }, '"poolLeakWarning": 0. Expected an integer from 1 to 2147483647 (milliseconds).'],
    [{ poolLeakWarning: 3e9 }, '"poolLeakWarning": 3000000000. Expected an integer from 1 to 2147483647 (milliseconds).'],
  ])('rejects %j, naming the option, the value and the allowed range', (options, expected) => {
    expect(messageFor(options)).toBe(`Invalid value for option ${expected}`)
  })

  it('rejects unknown options and non-objects', () => {
    expect(messageFor({ poolSzie: 3 })).toMatch(/^Unknown engine option "poolSzie"\. Known options: .*poolLeakWarning/)
    expect(messageFor(5)).toBe('Invalid value for option "options": 5. Expected an object of engine options.')
  })
})
