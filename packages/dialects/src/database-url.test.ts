import { ArgumentError } from '@athanor/core'
import { parseDatabaseUrl, redactUrl } from './database-url'
import { createEngine } from './create-engine'

describe('parseDatabaseUrl', () => {
  it('reads SQLite memory, relative and absolute paths as SQLAlchemy does', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' })
    expect(parseDatabaseUrl('sqlite:///data/app.db')).toEqual({ dialect: 'sqlite', filename: 'data/app.db' })
    expect(parseDatabaseUrl('sqlite:////var/app.db')).toEqual({ dialect: 'sqlite', filename: '/var/app.db' })
  })

  it('reads server URLs and their aliases', () => {
    expect(parseDatabaseUrl('postgres://u:p%40ss@db.local:6543/shop?sslmode=disable')).toEqual({
      dialect: 'postgresql',
      scheme: 'postgres',
      host: 'db.local',
      port: 6543,
      user: 'u',
      password: 'p@ss',
      database: 'shop',
      query: { sslmode: 'disable' },
    })
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1/test')).toMatchObject({ dialect: 'mysql', scheme: 'mariadb', user: 'root', port: undefined, database: 'test' })
  })

  it('rejects unknown schemes and malformed URLs without printing the password', () => {
    expect(() => parseDatabaseUrl('oracle://u:hunter2@h/db')).toThrow(/Unknown database URL scheme "oracle"/)
    expect(() => parseDatabaseUrl('')).toThrow(ArgumentError)
    expect(() => parseDatabaseUrl('sqlite:///')).toThrow(/needs a file path/)
    let message = ''
    try {
      parseDatabaseUrl('postgresql://user:hunter2@host:notaport/db')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/Malformed postgresql URL/)
    expect(message).not.toContain('hunter2')
  })

  it('redacts passwords', () => {
    expect(redactUrl('mysql://root:s3cret@host/db')).toBe('mysql://root:***@host/db')
  })
})

describe('createEngine options', () => {
  it('names a bad option, its value and the allowed range', () => {
    expect(() => createEngine('sqlite::memory:', { poolSize: 0 })).toThrow('Invalid value for option "poolSize": 0. Expected an integer from 1 to 10000 (connections).')
    expect(() => createEngine('sqlite::memory:', { poolClass: 'lifo' as never })).toThrow(/"poolClass"/)
    expect(() => createEngine('sqlite::memory:', { poolSzie: 3 } as never)).toThrow(/Unknown engine option "poolSzie"/)
  })
})
