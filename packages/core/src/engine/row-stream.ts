import type { RowBuilder } from '../compiler/row-builder'
import { ArgumentError } from '../errors/argument-error'
import type { EngineContext } from './engine-context'
import type { ParameterSet } from './statement-batch'

/** Options of `connection.stream()` and `engine.stream()`. */
export interface StreamOptions {
  /** Values for the named parameters of `text()` and `bindParam()`, as `execute`'s second argument. */
  readonly params?: ParameterSet
  /** Rows fetched from the database at a time, and so the most held in memory at once; 1000 by default. */
  readonly batchSize?: number
}

const DEFAULT_BATCH_SIZE = 1000

/**
 * The batch size `options` ask for, checked.
 *
 * ```ts
 * streamBatchSize({ batchSize: 500 }) // 500; streamBatchSize({}) // 1000
 * ```
 */
export function streamBatchSize(options: StreamOptions): number {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw ArgumentError.invalidOption('batchSize', batchSize, 'a positive integer')
  return batchSize
}

/** How a `RowStream` reaches the database; supplied by the `Connection` that made it. */
export interface RowStreamSource {
  readonly sql: string
  readonly params: readonly unknown[]
  /** Checks that the connection may stream, begins its transaction if needed and opens the driver's cursor. */
  open(): Promise<AsyncIterator<readonly unknown[]>>
  /** The error to throw for a driver error, translated as `execute` does (a lost connection is discarded). */
  translateError(error: unknown): Promise<Error>
  /** Called once the stream has ended, however it ended: the connection takes statements again. */
  release(): void
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true })
const NO_ROWS: readonly unknown[] = Object.freeze([])

/**
 * The rows of one streamed statement, read batch by batch from a server-side cursor as the loop
 * consumes them: at most one batch is in memory. Leaving the loop early (`break`, `return`, a
 * throw) closes the cursor. Made by `connection.stream()`.
 *
 * ```ts
 * for await (const user of connection.stream(select(users), { batchSize: 1000 })) send(user)
 * ```
 */
export class RowStream<Row> implements AsyncIterableIterator<Row>, AsyncDisposable {
  private state: 'new' | 'open' | 'ended' = 'new'
  private batches: AsyncIterator<readonly unknown[]> | undefined
  private batch: readonly unknown[] = NO_ROWS
  private position = 0
  private fetching: Promise<IteratorResult<Row>> | undefined
  private ending: Promise<void> | undefined
  private isReleased = false
  /** Thrown by `next()` once the stream was ended from outside its loop, so a cut-off stream never looks complete. */
  private endError: Error | undefined
  private rowsRead = 0
  private startedAt = 0

  constructor(
    private readonly source: RowStreamSource,
    private readonly buildRow: RowBuilder | undefined,
    private readonly context: Pick<EngineContext, 'events' | 'logger'>,
  ) {}

  /** Rows handed to the loop so far. */
  get rowCount(): number {
    return this.rowsRead
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  /**
   * The next row. Rows of the batch in memory are answered at once; the database is asked for the
   * next batch only when this one is used up.
   *
   * ```ts
   * const first = await connection.stream(select(users)).next()
   * ```
   */
  next(): Promise<IteratorResult<Row>> {
    if (this.position < this.batch.length) return Promise.resolve({ value: this.readRow(), done: false })
    // Let go of the used batch before the next one arrives: held across the fetch, it would
    // survive young-generation collections and be promoted, so the heap would grow in steps.
    this.batch = NO_ROWS
    // A caller that did not wait for the previous next() queues behind it rather than fetching twice.
    if (this.fetching !== undefined) return this.fetching.then(() => this.next(), () => this.next())
    const fetching = this.fetchBatch()
    this.fetching = fetching
    const clear = (): void => {
      if (this.fetching === fetching) this.fetching = undefined
    }
    fetching.then(clear, clear)
    return fetching
  }

  /**
   * Ends the stream early and closes its cursor; `break` in a `for await` loop calls it.
   *
   * ```ts
   * const rows = connection.stream(select(users)); await rows.next(); await rows.return()
   * ```
   */
  async return(): Promise<IteratorResult<Row>> {
    await this.end()
    return DONE
  }

  /** `await using rows = connection.stream(...)` closes the cursor at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.end()
  }

  /**
   * Ends the stream because its connection is closing; the loop's next step then throws instead of
   * ending as if every row had been read.
   *
   * ```ts
   * await stream.cancel() // what connection.close() does to an open stream
   * ```
   */
  async cancel(): Promise<void> {
    if (this.state !== 'ended' && this.ending === undefined) this.endError = ArgumentError.streamEndedByClose()
    await this.end()
  }

  private readRow(): Row {
    const raw = this.batch[this.position++]
    this.rowsRead++
    return (this.buildRow === undefined ? raw : this.buildRow(raw as readonly unknown[])) as Row
  }

  private async fetchBatch(): Promise<IteratorResult<Row>> {
    if (this.state === 'ended') {
      if (this.endError !== undefined) throw this.endError
      return DONE
    }
    let step: IteratorResult<readonly unknown[]>
    try {
      if (this.batches === undefined) {
        this.startedAt = this.observeStart()
        this.batches = await this.source.open()
        this.state = 'open'
      }
      do step = await this.batches.next()
      while (!step.done && step.value.length === 0)
    } catch (error) {
      // A driver iterator that threw has finished (its cursor is gone with it): nothing to close.
      this.state = 'ended'
      this.batch = NO_ROWS
      this.release(false)
      throw await this.source.translateError(error)
    }
    if (step.done) {
      this.state = 'ended'
      this.batch = NO_ROWS
      this.release(true)
      return DONE
    }
    this.batch = step.value
    this.position = 0
    return { value: this.readRow(), done: false }
  }

  private end(): Promise<void> {
    this.ending ??= this.closeCursor()
    return this.ending
  }

  private async closeCursor(): Promise<void> {
    // A batch in flight lands first: the driver cannot close a cursor in the middle of a fetch.
    if (this.fetching !== undefined) await this.fetching.catch(() => undefined)
    if (this.state === 'ended') return
    const batches = this.batches
    this.state = 'ended'
    this.batch = NO_ROWS
    this.position = 0
    let isClean = false
    try {
      if (batches?.return !== undefined) await batches.return()
      isClean = true
    } catch (error) {
      throw await this.source.translateError(error)
    } finally {
      this.release(isClean)
    }
  }

  private observeStart(): number {
    const { events, logger } = this.context
    if (!events.has('beforeExecute') && !events.has('afterExecute') && logger === undefined) return 0
    events.emit('beforeExecute', { sql: this.source.sql, params: this.source.params })
    return performance.now()
  }

  // afterExecute follows a stream that ended well (read to the end, or left early), as it follows
  // a statement that succeeded; its rowCount is the rows the loop received.
  private release(isClean: boolean): void {
    if (this.isReleased) return
    this.isReleased = true
    this.source.release()
    if (!isClean || this.startedAt === 0) return
    const durationMs = performance.now() - this.startedAt
    const { sql, params } = this.source
    this.context.events.emit('afterExecute', { sql, params, rowCount: this.rowsRead, durationMs })
    this.context.logger?.(`${sql} [${params.length} params, ${this.rowsRead} rows streamed, ${durationMs.toFixed(2)} ms]`)
  }
}
