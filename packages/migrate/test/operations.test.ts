import { type Engine, integer, sql, text, textColumn, varchar } from '@athanor/core'
import { describeEachDialect } from '../../dialects/test/support/each-dialect'
import { comparableTable, connectionSink, Operations, reflectSchemas, ref } from '../src/index'

async function withOperations(engine: Engine, work: (op: Operations) => Promise<void>): Promise<void> {
  await engine.begin((connection) => work(new Operations(connectionSink(connection))))
}

async function rowsOf(engine: Engine, sqlText: string): Promise<Record<string, unknown>[]> {
  const connection = await engine.connect()
  try {
    return (await connection.execute(text(sqlText))).all() as Record<string, unknown>[]
  } finally {
    await connection.close()
  }
}

async function dropIfExists(engine: Engine, ...tables: string[]): Promise<void> {
  for (const table of tables) await engine.begin((connection) => connection.execute(text(`drop table if exists ${table}`)).then(() => undefined))
}

describeEachDialect('migration operations', {}, (context) => {
  const tables = ['mig_ops_notes', 'mig_ops_renamed', 'mig_ops_owners']
  beforeAll(() => dropIfExists(context.engine, ...tables))

  it('changes a table step by step and keeps its rows', async () => {
    const engine = context.engine
    await withOperations(engine, async (op) => {
      await op.createTable('mig_ops_owners', { id: integer().primaryKey(), name: varchar(40).notNull() })
      await op.createTable('mig_ops_notes', { id: integer().primaryKey(), ownerId: integer().references(ref('mig_ops_owners', 'id')), title: varchar(50) })
      await op.execute("insert into mig_ops_owners (id, name) values (1, 'ada')")
      await op.execute("insert into mig_ops_notes (id, owner_id, title) values (1, 1, 'first'), (2, 1, 'second')")
    })
    await withOperations(engine, async (op) => {
      await op.addColumn('mig_ops_notes', 'body', textColumn())
      await op.addColumn('mig_ops_notes', 'views', integer().notNull().serverDefault(sql`0`))
      await op.alterColumn('mig_ops_notes', 'title', { isNullable: false })
      await op.alterColumn('mig_ops_notes', 'title', { type: varchar(120).config.type })
      await op.createIndex('ix_mig_ops_notes_title', 'mig_ops_notes', ['title'])
    })
    let [notes] = (await reflectSchemas(engine, { tables: ['mig_ops_notes'] })).filter((s) => s.table.name === 'mig_ops_notes')
    const title = comparableTable(notes).columns.find((column) => column.name === 'title')
    expect(title).toEqual({ name: 'title', type: 'varchar(120)', isNullable: false, hasServerDefault: false })
    expect(notes.indexes.map((definition) => definition.name)).toEqual(['ix_mig_ops_notes_title'])
    expect(notes.foreignKeys.map((fk) => fk.referencedTable.name)).toEqual(['mig_ops_owners'])

    await withOperations(engine, async (op) => {
      await op.dropIndex('ix_mig_ops_notes_title', 'mig_ops_notes')
      await op.alterColumn('mig_ops_notes', 'body', { newName: 'content' })
      await op.dropColumn('mig_ops_notes', 'views')
      await op.renameTable('mig_ops_notes', 'mig_ops_renamed')
    })
    ;[notes] = (await reflectSchemas(engine, { tables: ['mig_ops_renamed'] })).filter((s) => s.table.name === 'mig_ops_renamed')
    expect(notes.columns.map((column) => column.name)).toEqual(['id', 'owner_id', 'title', 'content'])
    expect(notes.indexes).toEqual([])
    const rows = await rowsOf(engine, 'select id, title from mig_ops_renamed order by id')
    expect(rows.map((row) => [Number(row.id), row.title])).toEqual([[1, 'first'], [2, 'second']])
    // Cleaned up here, not in afterAll: the harness disposes the engine in its own afterAll.
    await dropIfExists(engine, ...tables)
  })
})
