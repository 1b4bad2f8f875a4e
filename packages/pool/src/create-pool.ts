import type { ConnectionPool } from '@athanor/core'
import { NullPool } from './null-pool'
import type { PoolOptions } from './pool-options'
import { QueuePool } from './queue-pool'

export type PoolClass = 'queue' | 'null' | 'static'

/** Creates the pool an engine lends connections from. */
export function createPool(poolClass: PoolClass, options: PoolOptions): ConnectionPool {
  switch (poolClass) {
    case 'queue':
      return new QueuePool(options)
    case 'static':
      return new QueuePool(options, true)
    case 'null':
      return new NullPool(options)
  }
}
