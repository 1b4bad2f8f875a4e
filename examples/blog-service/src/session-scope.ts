import type { Engine } from '@athanor/core'
import { Session } from '@athanor/orm'

/**
 * Runs one request's work in its own Session: committed when `work` resolves, rolled back when it
 * throws, closed (connection back to the pool) always. `work` returns plain JSON, built while the
 * session is open, so nothing is read from an object after its session is gone.
 *
 * ```ts
 * app.get('/users/:id', (request) => inSession(engine, (session) => loadUser(session, id)))
 * ```
 */
export async function inSession<T>(engine: Engine, work: (session: Session) => Promise<T>): Promise<T> {
  // A request reads its objects back after commit to answer; expiring them would cost a SELECT each.
  const session = new Session(engine, { expireOnCommit: false })
  try {
    const result = await work(session)
    await session.commit()
    return result
  } catch (error) {
    await session.rollback().catch(() => undefined) // the original error is the one to report
    throw error
  } finally {
    await session.close()
  }
}
