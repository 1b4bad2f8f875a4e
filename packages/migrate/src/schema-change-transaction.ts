import { type Connection, type Engine, text } from '@athanor/core'
import { MigrateError } from './migrate-error'

/**
 * Runs one migration's work in a transaction, wrapped as the dialect asks (`dialect.schemaChangeSql`).
 * Without such a request this is `engine.begin(work)`. With one (SQLite), the connection runs in
 * autocommit mode so that the statements before BEGIN (`pragma foreign_keys = off`, a no-op inside
 * a transaction) take effect; the integrity check runs before COMMIT and any row it returns
 * rolls the migration back; the statements after the transaction always run.
 *
 * @example
 * await inSchemaChangeTransaction(engine, (connection) => migration.up(new Operations(connectionSink(connection))))
 */
export async function inSchemaChangeTransaction(engine: Engine, work: (connection: Connection) => Promise<void>): Promise<void> {
  const dialect = engine.dialect
  const wrapping = dialect.schemaChangeSql
  if (!wrapping) {
    await engine.begin(work)
    return
  }
  const connection = await engine.connect({ isolationLevel: 'AUTOCOMMIT' })
  const run = async (sql: string) => (await connection.execute(text(sql))).all() as Record<string, unknown>[]
  try {
    for (const sql of wrapping.beforeTransaction) await run(sql)
    for (const sql of dialect.transactionSql.begin(undefined)) await run(sql)
    try {
      await work(connection)
      const violations = wrapping.integrityCheck === undefined ? [] : await run(wrapping.integrityCheck)
      if (violations.length > 0) throw MigrateError.integrityCheckFailed(violations.length, JSON.stringify(violations[0]))
      await run(dialect.transactionSql.commit)
    } catch (error) {
      await run(dialect.transactionSql.rollback).catch(() => undefined)
      throw error
    }
  } finally {
    try {
      for (const sql of wrapping.afterTransaction) await run(sql)
    } finally {
      await connection.close()
    }
  }
}
