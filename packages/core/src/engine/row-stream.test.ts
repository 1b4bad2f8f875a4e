import { ArgumentError } from '../errors/argument-error'
import { DatabaseError } from '../errors/database-error'
import { EngineEvents } from './engine-events'
import { RowStream, type RowStreamSource, streamBatchSize } from './row-stream'

/** A driver cursor over `batches` that records what the stream asked of it. */
function fakeSource(batches: readonly (readonly unknown[][])[], options: { readonly failAt?: number } = {}) {
  const log: string[] = []
  async function* cursor(): AsyncGenerator<readonly unknown[], void, undefined> {
    try {
      for (let index = 0; index < batches.length; index++) {
        if (index === options.failAt) throw new Error('driver failed')
        log.push(`fetch ${index}`)
        yield batches[index]
      }
    } finally {
      log.push('cursor closed')
    }
  }
  const source: RowStreamSource = {
    sql: 'select a, b from t',
    params: [],
    open: async () => {
      log.push('open')
      return cursor()
    },
    translateError: async (error) => new DatabaseError(`translated: ${(error as Error).message}`, { sql: 'select a, b from t', cause: error }),
    release: () => log.push('release'),
  }
  return { source, log }
}

const context = { events: new EngineEvents(), logger: undefined }
const buildRow = (row: readonly unknown[]): Record<string, unknown> => ({ a: row[0], b: row[1] })

async function readAll<Row>(stream: AsyncIterable<Row>): Promise<Row[]> {
  const rows: Row[] = []
  for await (const row of stream) rows.push(row)
  return rows
}

describe('RowStream', () => {
  it('builds each row of each batch, opening the cursor only on the first step', async () => {
    const { source, log } = fakeSource([[[1, 'x'], [2, 'y']], [], [[3, 'z']]])
    const stream = new RowStream(source, buildRow, context)
    expect(log).toEqual([])
    expect(await readAll(stream)).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'z' },
    ])
    expect(stream.rowCount).toBe(3)
    expect(log).toEqual(['open', 'fetch 0', 'fetch 1', 'fetch 2', 'cursor closed', 'release'])
  })

  it('passes object rows through when there is no row builder', async () => {
    const { source } = fakeSource([[{ n: 1 } as unknown as unknown[]]])
    expect(await readAll(new RowStream(source, undefined, context))).toEqual([{ n: 1 }])
  })

  it('break closes the cursor and releases the connection once', async () => {
    const { source, log } = fakeSource([[[1], [2]], [[3], [4]]])
    const stream = new RowStream<{ a: number }>(source, buildRow, context)
    for await (const row of stream) {
      if (row.a === 1) break
    }
    expect(log).toEqual(['open', 'fetch 0', 'cursor closed', 'release'])
    await stream.return()
    expect(await stream.next()).toEqual({ value: undefined, done: true })
    expect(log.filter((entry) => entry === 'release')).toHaveLength(1)
  })

  it('a driver error is translated, and the stream is over', async () => {
    const { source, log } = fakeSource([[[1]], [[2]]], { failAt: 1 })
    const stream = new RowStream(source, buildRow, context)
    await expect(readAll(stream)).rejects.toThrow('translated: driver failed')
    expect(log).toEqual(['open', 'fetch 0', 'cursor closed', 'release'])
    expect(await stream.next()).toEqual({ value: undefined, done: true })
  })

  it('cancel() ends the stream so that the loop throws instead of ending quietly', async () => {
    const { source, log } = fakeSource([[[1], [2]], [[3]]])
    const stream = new RowStream(source, buildRow, context)
    expect((await stream.next()).value).toEqual({ a: 1, b: undefined })
    await stream.cancel()
    expect(log).toEqual(['open', 'fetch 0', 'cursor closed', 'release'])
    await expect(stream.next()).rejects.toBeInstanceOf(ArgumentError)
  })

  it('next() calls made without waiting are served in order', async () => {
    const { source } = fakeSource([[[1], [2]], [[3]]])
    const stream = new RowStream(source, buildRow, context)
    const steps = await Promise.all([stream.next(), stream.next(), stream.next(), stream.next()])
    expect(steps.map((step) => (step.done ? 'done' : (step.value as { a: number }).a))).toEqual([1, 2, 3, 'done'])
  })

  it('emits beforeExecute when the cursor opens and afterExecute with the rows read', async () => {
    const events = new EngineEvents()
    const seen: string[] = []
    events.on('beforeExecute', (event) => seen.push(`before ${event.sql}`))
    events.on('afterExecute', (event) => seen.push(`after ${event.rowCount}`))
    const { source } = fakeSource([[[1], [2]], [[3]]])
    await readAll(new RowStream(source, buildRow, { events, logger: undefined }))
    expect(seen).toEqual(['before select a, b from t', 'after 3'])
  })
})

describe('streamBatchSize', () => {
  it('defaults to 1000 and accepts positive integers only', () => {
    expect(streamBatchSize({})).toBe(1_000)
    expect(streamBatchSize({ batchSize: 1 })).toBe(1)
    for (const batchSize of [0, -5, 1.5, Number.NaN]) expect(() => streamBatchSize({ batchSize })).toThrow(ArgumentError)
  })
})
