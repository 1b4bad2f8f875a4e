import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Engine, text } from '@athanor/core'
import type { DialectName } from './database-urls'

export type ServerDialect = Exclude<DialectName, 'sqlite'>

/**
 * The server ids of every connection `engine` opens, recorded from its `connect` event. Test files
 * run in parallel against the same servers, so counting by these ids (rather than by user or
 * database) sees only this engine's connections.
 */
export function recordServerConnections(engine: Engine): number[] {
  const ids: number[] = []
  engine.on('connect', (connection) => {
    if (connection.serverConnectionId !== undefined) ids.push(connection.serverConnectionId)
  })
  return ids
}

/** How many of `ids` the server has open now, read through `admin` (another engine). */
export async function countOnServer(admin: Engine, dialect: ServerDialect, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0
  const list = idList(ids)
  const sql =
    dialect === 'postgresql'
      ? `select count(*) as n from pg_stat_activity where pid in (${list})`
      : `select count(*) as n from information_schema.processlist where id in (${list})`
  // Autocommit: PostgreSQL keeps one snapshot of pg_stat_activity per transaction.
  const connection = await admin.connect({ isolationLevel: 'AUTOCOMMIT' })
  try {
    return Number((await connection.execute(text(sql))).scalar())
  } finally {
    await connection.close()
  }
}

/** Kills these server connections, as a DBA or a failover would, and waits until the server has dropped them. */
export async function killOnServer(admin: Engine, dialect: ServerDialect, ids: readonly number[]): Promise<void> {
  const connection = await admin.connect({ isolationLevel: 'AUTOCOMMIT' })
  try {
    if (dialect === 'postgresql') {
      await connection.execute(text(`select pg_terminate_backend(pid) from pg_stat_activity where pid in (${idList(ids)})`))
    } else {
      for (const id of ids) {
        // Already gone (closed by the pool as overflow) is fine.
        await connection.execute(text(`kill ${idList([id])}`)).catch(() => undefined)
      }
    }
  } finally {
    await connection.close()
  }
  await waitUntil(async () => (await countOnServer(admin, dialect, ids)) === 0, `the server to drop connections ${ids.join(', ')}`)
}

/** Polls `condition` every 10 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A URL for a new SQLite file, for tests that need a real pool of several connections on SQLite. */
export function sqliteFileUrl(): string {
  return `sqlite:///${join(mkdtempSync(join(tmpdir(), 'athanor-pool-')), 'pool.db')}`
}

// Ids come from the driver, but they are spliced into SQL text: make sure they are plain integers.
function idList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`not a connection id: ${id}`)
  return ids.join(', ')
}
