import type { Executable } from '../statements/executable'
import type { Connection } from './connection'
import type { StreamOptions } from './row-stream'

/**
 * Streams a statement on a connection of its own: checked out on the loop's first step, in a
 * transaction that commits when every row was read and rolls back when the loop is left early or
 * fails, and returned to the pool as soon as the loop ends, however it ends.
 *
 * ```ts
 * for await (const row of streamOnOwnConnection(() => engine.connect(), select(users), {})) send(row)
 * ```
 */
export async function* streamOnOwnConnection<Row>(connect: () => Promise<Connection>, statement: Executable<Row>, options: StreamOptions): AsyncGenerator<Row, void, undefined> {
  const connection = await connect()
  try {
    yield* connection.stream(statement, options)
    await connection.commit()
  } finally {
    await connection.close()
  }
}
