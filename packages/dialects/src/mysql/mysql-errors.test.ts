import { CheckViolationError, DatabaseError, DataError, ForeignKeyViolationError, NotNullViolationError, OperationalError, ProgrammingError, UniqueViolationError } from '@athanor/core'
import { translateMysqlError } from './mysql-errors'

const serverError = (errno: number, message = 'boom'): Error => Object.assign(new Error(message), { errno, code: 'ER_SOMETHING' })
const clientError = (code: string | undefined, fields: Record<string, unknown> = {}): Error => Object.assign(new Error('client boom'), { code, ...fields })

describe('translateMysqlError', () => {
  it.each([
    [1062, UniqueViolationError],
    [1452, ForeignKeyViolationError],
    [1048, NotNullViolationError],
    [4025, CheckViolationError],
    [1146, ProgrammingError],
    [1406, DataError],
    [1213, OperationalError],
    [2013, OperationalError],
    [9999, DatabaseError],
  ])('maps errno %s to %p', (errno, type) => {
    const translated = translateMysqlError(serverError(errno), 'select 1')
    expect(translated.constructor).toBe(type)
    expect((translated as DatabaseError).code).toBe(String(errno))
  })

  it.each([1053, 1927, 2006, 2013, 4031])('marks errno %s as a disconnect', (errno) => {
    const translated = translateMysqlError(serverError(errno), 'select 1') as OperationalError
    expect(translated).toBeInstanceOf(OperationalError)
    expect(translated.isDisconnect).toBe(true)
  })

  it.each(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])('marks client code %s as a disconnect', (code) => {
    const translated = translateMysqlError(clientError(code, { fatal: true }), 'select 1') as OperationalError
    expect(translated).toBeInstanceOf(OperationalError)
    expect(translated.isDisconnect).toBe(true)
    expect(translated.code).toBe(code)
  })

  it('marks any fatal mysql2 error as a disconnect, e.g. a command on a connection the server closed', () => {
    const closed = Object.assign(new Error("Can't add new command when connection is in closed state"), { fatal: true })
    const translated = translateMysqlError(closed, 'select 1') as OperationalError
    expect(translated).toBeInstanceOf(OperationalError)
    expect(translated.isDisconnect).toBe(true)
  })

  it('keeps the connection after a deadlock, a lock timeout, KILL QUERY or too many connections', () => {
    for (const errno of [1213, 1205, 1317, 1040]) {
      const translated = translateMysqlError(serverError(errno), 'select 1') as OperationalError
      expect(translated).toBeInstanceOf(OperationalError)
      expect(translated.isDisconnect).toBe(false)
    }
    expect((translateMysqlError(serverError(1213), undefined) as OperationalError).isRetryable).toBe(true)
  })

  it('keeps the message and the cause, masks quoted values, and adds the SQL', () => {
    const cause = serverError(1062, "Duplicate entry 'ada@example.org' for key 'email'")
    const translated = translateMysqlError(cause, 'insert into `users` (`email`) values (?)') as DatabaseError
    expect(translated.message).toBe("Duplicate entry '?' for key 'email'\n  [SQL: insert into `users` (`email`) values (?)]")
    expect(translated.cause).toBe(cause)
  })
})
