import { blob, createIndexNode, createTableNode, dropTableNode, insert, MetaData, renameTableNode, select, type TableSchema, tableNode } from '@athanor/core'
import type { StatementSink } from './operations'

/**
 * Gives a table a new shape the way SQLite's manual prescribes when ALTER TABLE cannot: create the
 * new table under a temporary name, copy the rows of the columns both shapes share, drop the old
 * table, rename the new one, recreate the indexes. https://www.sqlite.org/lang_altertable.html#otheralter
 * Every statement is compiled by the dialect. Run by MigrationRunner, it happens with foreign keys
 * switched off (the dialect's `schemaChangeSql`), so dropping a parent table fires no ON DELETE
 * action in its children; a `foreign_key_check` before COMMIT still refuses broken references.
 *
 * @example
 * await rebuildTable(sink, { ...live, columns: live.columns.map((c) => (c.name === 'title' ? { ...c, isNullable: false } : c)) })
 */
export async function rebuildTable(sink: StatementSink, target: TableSchema): Promise<void> {
  const name = target.table.name
  const temporaryName = `_athanor_rebuild_${name}`
  const live = await sink.reflectTable(name)
  const shared = target.columns.filter((column) => live?.columns.some((existing) => existing.name === column.name)).map((column) => column.name)
  await sink.run(createTableNode({ ...target, table: tableNode(temporaryName), indexes: [] }, false))
  if (shared.length > 0) await sink.run(copyRows(name, temporaryName, shared).node)
  await sink.run(dropTableNode(tableNode(name), false))
  await sink.run(renameTableNode(tableNode(temporaryName), name))
  for (const definition of target.indexes) await sink.run(createIndexNode(tableNode(name), definition, false))
}

/** `insert into to (columns…) select columns… from from`, built with the statement builders so the dialect quotes it. */
function copyRows(from: string, to: string, columns: readonly string[]) {
  const metadata = new MetaData()
  // The declared type does not matter to an INSERT … SELECT; blob converts no value.
  const shape = () => Object.fromEntries(columns.map((column) => [column, blob({ name: column })]))
  const source = metadata.table(from, shape())
  const destination = metadata.table(to, shape())
  return insert(destination).fromSelect(columns.map((column) => destination.c[column]), select(...columns.map((column) => source.c[column])))
}
