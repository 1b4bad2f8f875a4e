import type { Engine, MetaData } from '@athanor/core'
import { withInspector } from '../reflection/inspect'
import { reflectSchemas } from '../reflection/reflect'
import { renderRevisionFile } from '../revision-file'
import { compareSchemas, type SchemaDiff } from './compare-schemas'

export interface AutogenerateOptions {
  readonly revision: string
  readonly downRevision: string | readonly string[] | null
  readonly message: string
  /** Tables that belong to the tooling (the version table), never compared. */
  readonly ignoreTables?: readonly string[]
  /** Which tables autogenerate owns, in the database and in the model; all by default. */
  readonly include?: (table: string) => boolean
}

/**
 * Compares `metadata` with the live database and returns the diff and a migration module's source.
 *
 * @example
 * const { source, diff } = await autogenerate(engine, metadata, { revision: newRevisionId(), downRevision: null, message: 'blog' })
 * if (!diff.isEmpty) writeFileSync('migrations/…_blog.ts', source)
 */
export async function autogenerate(engine: Engine, metadata: MetaData, options: AutogenerateOptions): Promise<{ readonly diff: SchemaDiff; readonly source: string }> {
  const include = options.include ?? (() => true)
  const names = (await withInspector(engine, (inspector) => inspector.tableNames())).filter(include)
  // Reflection brings along the tables that foreign keys point to; those may not be ours.
  const database = names.length === 0 ? [] : (await reflectSchemas(engine, { tables: names })).filter((schema) => include(schema.table.name))
  const model = metadata.sortedTables().filter((table) => include(table.name)).map((table) => table.toSchema())
  const diff = compareSchemas(model, database, engine.dialect, new Set(options.ignoreTables ?? []))
  const source = renderRevisionFile({
    revision: options.revision,
    downRevision: options.downRevision,
    message: options.message,
    upLines: diff.upLines,
    downLines: diff.downLines,
    coreImports: [...diff.imports],
  })
  return { diff, source }
}
