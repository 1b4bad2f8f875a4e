import { type Connection, type Engine, MetaData, text, varchar } from '@athanor/core'
import { inSchemaChangeTransaction } from './schema-change-transaction'
import type { Migration } from './migration'
import { MigrateError } from './migrate-error'
import { connectionSink, Operations, sqlSink } from './operations/operations'
import { RevisionGraph } from './revision-graph'

/** The table that records applied revisions, one row each. */
export const VERSION_TABLE = 'athanor_version'

export interface RunnerOptions {
  /** Called with progress lines ("Running upgrade … -> …"). */
  readonly log?: (line: string) => void
  /** The version table's name; `athanor_version` by default. */
  readonly versionTable?: string
}

/**
 * Applies and reverts migrations against an engine, recording applied revisions in `athanor_version`.
 * Each migration runs in its own transaction together with its version-table change, so on
 * databases with transactional DDL a failing migration leaves both untouched.
 *
 * @example
 * const runner = new MigrationRunner(engine, migrations)
 * await runner.upgrade('head')
 * await runner.downgrade('-1')
 */
export class MigrationRunner {
  readonly graph: RevisionGraph
  private readonly log: (line: string) => void
  private readonly versionTable: string
  private readonly versionMetadata = new MetaData()

  constructor(private readonly engine: Engine, migrations: readonly Migration[], options: RunnerOptions = {}) {
    this.graph = new RevisionGraph(migrations)
    this.log = options.log ?? (() => undefined)
    this.versionTable = options.versionTable ?? VERSION_TABLE
    this.versionMetadata.table(this.versionTable, { versionNum: varchar(64).primaryKey() })
  }

  /** Revisions recorded as applied. */
  async applied(): Promise<Set<string>> {
    await this.engine.runDdl(this.versionMetadata.createStatements())
    const connection = await this.engine.connect()
    try {
      const rows = await connection.execute(text(`select version_num from ${this.versionTable}`))
      return new Set(rows.all().map((row) => String((row as Record<string, unknown>).version_num)))
    } finally {
      await connection.close()
    }
  }

  /** The applied revisions that are heads of what is applied (usually one). */
  async current(): Promise<string[]> {
    return this.graph.currentHeads(await this.applied())
  }

  /** Applies every revision up to `target`: a revision id or prefix, "head" (the single head) or "heads". */
  async upgrade(target = 'head'): Promise<Migration[]> {
    const applied = await this.applied()
    const wanted = this.targetSet(target)
    const pending = this.graph.ordered().filter((migration) => wanted.has(migration.revision) && !applied.has(migration.revision))
    if (!this.engine.dialect.capabilities.transactionalDdl && pending.length > 0) {
      this.log(`Note: ${this.engine.dialect.name} commits DDL implicitly; a migration that fails halfway leaves its earlier statements applied.`)
    }
    for (const migration of pending) {
      this.log(`Running upgrade ${describeParents(migration)} -> ${migration.revision}, ${migration.message}`)
      await this.inTransaction(migration, 'up', async (connection) => {
        await migration.up(new Operations(connectionSink(connection)))
        await connection.execute(text(`insert into ${this.versionTable} (version_num) values (:revision)`), { revision: migration.revision })
      })
    }
    return pending
  }

  /** Reverts revisions down to `target`: a revision id or prefix (kept), "base" (everything) or "-N" (N steps). */
  async downgrade(target: string): Promise<Migration[]> {
    const applied = await this.applied()
    const keep = this.keepSet(target, applied)
    const reverting = this.graph.ordered().reverse().filter((migration) => applied.has(migration.revision) && !keep.has(migration.revision))
    for (const migration of reverting) {
      this.log(`Running downgrade ${migration.revision} -> ${describeParents(migration)}, ${migration.message}`)
      await this.inTransaction(migration, 'down', async (connection) => {
        await migration.down(new Operations(connectionSink(connection)))
        await connection.execute(text(`delete from ${this.versionTable} where version_num = :revision`), { revision: migration.revision })
      })
    }
    return reverting
  }

  /**
   * The SQL an upgrade from `from` (exclusive; undefined: from the start) to `target` would run,
   * without a database ("offline mode"). SQLite table rebuilds cannot be printed this way.
   */
  async upgradeSql(target = 'head', from?: string): Promise<string[]> {
    const done = from === undefined || from === 'base' ? new Set<string>() : this.targetSet(from)
    const wanted = this.targetSet(target)
    const statements: string[] = []
    const dialect = this.engine.dialect
    for (const node of this.versionMetadata.createStatements()) statements.push(dialect.compile(node).sql)
    for (const migration of this.graph.ordered().filter((m) => wanted.has(m.revision) && !done.has(m.revision))) {
      statements.push(`-- Running upgrade ${describeParents(migration)} -> ${migration.revision}, ${migration.message}`)
      await migration.up(new Operations(sqlSink(dialect, statements)))
      statements.push(`insert into ${this.versionTable} (version_num) values ('${migration.revision}')`)
    }
    return statements
  }

  /**
   * The SQL a downgrade would run from `from` (the revisions taken as applied: "head", "heads" or a
   * revision and its ancestors) down to `target` (a revision, kept; "base"; or "-N"), without a
   * database. SQLite table rebuilds cannot be printed this way.
   *
   * @example
   * const statements = await runner.downgradeSql('head', 'base')
   */
  async downgradeSql(from: string, target: string): Promise<string[]> {
    const applied = this.targetSet(from)
    const keep = this.keepSet(target, applied)
    const statements: string[] = []
    const dialect = this.engine.dialect
    for (const migration of this.graph.ordered().reverse().filter((m) => applied.has(m.revision) && !keep.has(m.revision))) {
      statements.push(`-- Running downgrade ${migration.revision} -> ${describeParents(migration)}, ${migration.message}`)
      await migration.down(new Operations(sqlSink(dialect, statements)))
      statements.push(`delete from ${this.versionTable} where version_num = '${migration.revision}'`)
    }
    return statements
  }

  private targetSet(target: string): Set<string> {
    if (target === 'heads') return new Set(this.graph.heads().flatMap((head) => [...this.graph.ancestorsOf(head)]))
    if (target === 'head') {
      const heads = this.graph.heads()
      if (heads.length > 1) throw MigrateError.multipleHeads(heads)
      return heads.length === 0 ? new Set() : this.graph.ancestorsOf(heads[0])
    }
    return this.graph.ancestorsOf(target)
  }

  private keepSet(target: string, applied: ReadonlySet<string>): Set<string> {
    if (target === 'base') return new Set()
    const steps = /^-(\d+)$/.exec(target)
    if (!steps) return this.graph.ancestorsOf(target)
    // "-N" reverts the N most recently ordered applied revisions.
    const ordered = this.graph.ordered().filter((migration) => applied.has(migration.revision))
    return new Set(ordered.slice(0, Math.max(0, ordered.length - Number(steps[1]))).map((migration) => migration.revision))
  }

  private async inTransaction(migration: Migration, direction: 'up' | 'down', work: (connection: Connection) => Promise<void>): Promise<void> {
    try {
      await inSchemaChangeTransaction(this.engine, work)
    } catch (error) {
      throw MigrateError.migrationFailed(migration.revision, direction, error)
    }
  }
}

function describeParents(migration: Migration): string {
  if (migration.downRevision === null) return '<base>'
  return typeof migration.downRevision === 'string' ? migration.downRevision : `(${migration.downRevision.join(', ')})`
}
