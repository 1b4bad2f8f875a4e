import type { ConnectionPool } from '@athanor/core'
import { NullPool } from './null-pool'
import type { PoolOptions } from './pool-options'
import { QueuePool } from './queue-pool'

export type PoolClass = 'queue' | 'null' | 'static'

/**
 * Creates the pool an engine lends connections from: `queue` (QueuePool), `null` (a connection
 * per checkout) or `static` (one connection, lent to one caller at a time and never recycled;
 * for `sqlite::memory:`, whose data lives in that one connection).
 */
export function createPool(poolClass: PoolClass, options: PoolOptions): ConnectionPool {
  switch (poolClass) {
    case 'queue':
      return new QueuePool(options)
    case 'static':
      // One connection, reused in turn: better-sqlite3 is synchronous, so sharing it between two
      // callers at once would interleave their transactions on the one handle.
      return new QueuePool({ ...options, poolSize: 1, maxOverflow: 0, poolRecycle: 0 })
    case 'null':
      return new NullPool(options)
  }
}
