import { type Engine, type Inspector, text } from '@athanor/core'
import { MigrateError } from '../migrate-error'

/**
 * Runs `work` with the engine's schema inspector on one pooled connection, released afterwards.
 *
 * @example
 * const names = await withInspector(engine, (inspector) => inspector.tableNames())
 */
export async function withInspector<T>(engine: Engine, work: (inspector: Inspector) => Promise<T>): Promise<T> {
  const connection = await engine.connect()
  try {
    const dialect = connection.dialect
    if (!dialect.createInspector) throw MigrateError.noInspector(dialect.name)
    const inspector = dialect.createInspector(async (sql, params) => (await connection.execute(text(sql), params ?? {})).all() as Record<string, unknown>[])
    return await work(inspector)
  } finally {
    // Catalog reads change nothing; rolling back ends any implicit transaction they opened.
    await connection.close()
  }
}
