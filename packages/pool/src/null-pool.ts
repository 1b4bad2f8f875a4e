import type { ConnectionPool, DriverConnection, PoolStatus } from '@athanor/core'
import type { PoolOptions } from './pool-options'

/** No pooling: each checkout opens a connection and each return closes it. */
export class NullPool implements ConnectionPool {
  private checkedOut = 0

  constructor(private readonly options: PoolOptions) {}

  async acquire(): Promise<DriverConnection> {
    const connection = await this.options.open()
    this.options.onConnect?.(connection)
    this.checkedOut++
    return connection
  }

  release(connection: DriverConnection): void {
    this.checkedOut--
    void Promise.resolve(connection.close()).catch(() => undefined)
  }

  async invalidate(connection: DriverConnection): Promise<void> {
    this.checkedOut--
    await Promise.resolve(connection.close()).catch(() => undefined)
  }

  status(): PoolStatus {
    return { size: this.checkedOut, checkedOut: this.checkedOut, checkedIn: 0, overflow: 0, waiting: 0 }
  }

  async dispose(): Promise<void> {}
}
