import type { Engine, Executable } from '@athanor/core'

/** Runs one statement on a connection of its own and returns its typed rows. */
export async function readRows<Row>(engine: Engine, statement: Executable<Row>): Promise<Row[]> {
  const connection = await engine.connect()
  try {
    return (await connection.execute(statement)).all()
  } finally {
    await connection.close()
  }
}
