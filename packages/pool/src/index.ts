export { createPool, type PoolClass } from './create-pool'
export { QueuePool } from './queue-pool'
export { NullPool } from './null-pool'
export type { PoolOptions } from './pool-options'
