import { DatabaseError, OperationalError, ProgrammingError, UniqueViolationError } from '@athanor/core'
import { translateSqliteError } from './sqlite-errors'

const sqliteError = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code })

describe('translateSqliteError', () => {
  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', UniqueViolationError],
    ['SQLITE_ERROR', ProgrammingError],
    ['SQLITE_BUSY', OperationalError],
    ['SQLITE_IOERR_WRITE', OperationalError],
    ['SQLITE_SOMETHING_NEW', DatabaseError],
  ])('maps %s to %p', (code, type) => {
    expect(translateSqliteError(sqliteError(code), 'select 1').constructor).toBe(type)
  })

  it('never reports a disconnect: the database is a file in this process, not a server', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_IOERR_WRITE', 'SQLITE_CANTOPEN', 'SQLITE_FULL']) {
      const translated = translateSqliteError(sqliteError(code), 'select 1') as OperationalError
      expect(translated).toBeInstanceOf(OperationalError)
      expect(translated.isDisconnect).toBe(false)
    }
    expect((translateSqliteError(sqliteError('SQLITE_BUSY'), 'select 1') as OperationalError).isRetryable).toBe(true)
  })
})
