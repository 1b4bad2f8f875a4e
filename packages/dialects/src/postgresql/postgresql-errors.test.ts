import { CheckViolationError, DatabaseError, DataError, ForeignKeyViolationError, IntegrityError, NotNullViolationError, OperationalError, ProgrammingError, UniqueViolationError } from '@athanor/core'
import { translatePostgresError } from './postgresql-errors'

const pgError = (code: string | undefined, message = 'boom'): Error => Object.assign(new Error(message), code === undefined ? {} : { code })

describe('translatePostgresError', () => {
  it.each([
    ['23505', UniqueViolationError],
    ['23503', ForeignKeyViolationError],
    ['23502', NotNullViolationError],
    ['23514', CheckViolationError],
    ['23P01', IntegrityError],
    ['42P01', ProgrammingError],
    ['42703', ProgrammingError],
    ['42601', ProgrammingError],
    ['08P01', ProgrammingError],
    ['22P02', DataError],
    ['08006', OperationalError],
    ['57P01', OperationalError],
    ['53300', OperationalError],
    ['ECONNREFUSED', OperationalError],
    ['XX000', DatabaseError],
  ])('maps SQLSTATE %s to %p', (code, type) => {
    const translated = translatePostgresError(pgError(code), 'select 1')
    expect(translated).toBeInstanceOf(type)
    expect(translated.constructor).toBe(type)
    expect((translated as DatabaseError).code).toBe(code)
  })

  it('marks serialization failures and deadlocks retryable', () => {
    for (const code of ['40001', '40P01']) {
      const translated = translatePostgresError(pgError(code), 'update t set x = 1') as OperationalError
      expect(translated).toBeInstanceOf(OperationalError)
      expect(translated.isRetryable).toBe(true)
    }
    expect((translatePostgresError(pgError('08006'), undefined) as OperationalError).isRetryable).toBe(false)
  })

  it.each([
    ['57P01', undefined], // admin_shutdown: what pg_terminate_backend sends
    ['57P02', undefined],
    ['08006', undefined],
    ['08003', undefined],
    ['ECONNRESET', undefined],
    ['EPIPE', undefined],
    [undefined, 'Connection terminated unexpectedly'],
    [undefined, 'Client has encountered a connection error and is not queryable'],
    [undefined, 'Client was closed and is not queryable'],
  ])('marks %s %s as a disconnect', (code, message) => {
    const translated = translatePostgresError(pgError(code, message), 'select 1') as OperationalError
    expect(translated).toBeInstanceOf(OperationalError)
    expect(translated.isDisconnect).toBe(true)
    expect(translated.isRetryable).toBe(false)
  })

  it.each(['53300', '28P01', '40001', '40P01', '55P03'])('keeps the connection for %s (not a disconnect)', (code) => {
    const translated = translatePostgresError(pgError(code), 'select 1') as OperationalError
    expect(translated).toBeInstanceOf(OperationalError)
    expect(translated.isDisconnect).toBe(false)
  })

  it('treats a dropped connection without a code as operational', () => {
    expect(translatePostgresError(pgError(undefined, 'Connection terminated unexpectedly'), undefined)).toBeInstanceOf(OperationalError)
    expect(translatePostgresError(pgError(undefined, 'something else'), undefined).constructor).toBe(DatabaseError)
  })

  it('keeps the message and the cause, and adds the SQL', () => {
    const cause = pgError('23505', 'duplicate key value violates unique constraint "users_email_key"')
    const translated = translatePostgresError(cause, 'insert into "users" ("email") values ($1)') as DatabaseError
    expect(translated.message).toBe('duplicate key value violates unique constraint "users_email_key"\n  [SQL: insert into "users" ("email") values ($1)]')
    expect(translated.cause).toBe(cause)
    expect(translated.sql).toBe('insert into "users" ("email") values ($1)')
  })
})
