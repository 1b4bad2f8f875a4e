import { createIndexNode, createTableNode, dropTableNode, renameTableNode, type TableSchema, tableNode } from '@athanor/core'
import type { StatementSink } from './operations'

/**
 * Gives a table a new shape the way SQLite's manual prescribes when ALTER TABLE cannot: create the
 * new table under a temporary name, copy the rows of the columns both shapes share, drop the old
 * table, rename the new one, recreate the indexes. https://www.sqlite.org/lang_altertable.html#otheralter
 * It runs inside the migration's transaction; foreign keys stay enforced, so a parent table whose
 * children declare ON DELETE actions must not be rebuilt this way (the DROP would fire them).
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
  const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`
  const columnList = shared.map(quote).join(', ')
  await sink.runSql(`insert into ${quote(temporaryName)} (${columnList}) select ${columnList} from ${quote(name)}`)
  await sink.run(dropTableNode(tableNode(name), false))
  await sink.run(renameTableNode(tableNode(temporaryName), name))
  for (const definition of target.indexes) await sink.run(createIndexNode(tableNode(name), definition, false))
}
