import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { text } from '@athanor/core'
import { createEngine } from '@athanor/dialects'

// Spawning the CLI costs about a second a command, so this file keeps to one SQLite walk-through.
const repository = resolve(__dirname, '../../..')
const directory = join(__dirname, '.tmp-cli')
const databaseFile = join(directory, 'app.db')

// The `athanor` bin as `npx athanor` / `pnpm exec athanor` run it from the repository root: the
// shim pnpm writes for the root's @athanor/migrate dependency.
function athanor(...args: string[]): string {
  return execFileSync(join(repository, 'node_modules/.bin/athanor'), ['migrate', ...args], {
    cwd: directory,
    env: { ...process.env, DATABASE_URL: `sqlite:///${databaseFile}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function writeModel(withPosts: boolean): void {
  writeFileSync(
    join(directory, 'src/schema.ts'),
    [
      "import { MetaData, integer, varchar } from '@athanor/core'",
      'export const metadata = new MetaData()',
      "const users = metadata.table('cli_users', { id: integer().primaryKey(), name: varchar(50).notNull() })",
      ...(withPosts ? ["metadata.table('cli_posts', { id: integer().primaryKey(), authorId: integer().references(() => users.c.id) })"] : []),
    ].join('\n'),
  )
}

async function sqlite(statement: string): Promise<Record<string, unknown>[]> {
  const engine = createEngine(`sqlite:///${databaseFile}`)
  try {
    return await engine.begin(async (connection) => (await connection.execute(text(statement))).all() as Record<string, unknown>[])
  } finally {
    await engine.dispose()
  }
}

describe('athanor migrate (CLI)', () => {
  beforeAll(() => {
    rmSync(directory, { recursive: true, force: true })
    mkdirSync(join(directory, 'src'), { recursive: true })
    writeModel(false)
  })
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('initialises, autogenerates, upgrades, reports, prints offline SQL both ways and downgrades', async () => {
    expect(athanor('init')).toMatch(/Created .*athanor\.config\.json/)
    // A table the application does not own, which autogenerate must leave alone.
    await sqlite('create table legacy_audit (id integer primary key)')
    const config = JSON.parse(readFileSync(join(directory, 'athanor.config.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(join(directory, 'athanor.config.json'), JSON.stringify({ ...config, excludeTables: ['legacy_*'] }))

    expect(athanor('revision', '-m', 'create users', '--autogenerate')).toMatch(/Generating .*_create_users\.ts/)
    const [first] = readdirSync(join(directory, 'migrations'))
    expect(readFileSync(join(directory, 'migrations', first), 'utf8')).not.toContain('legacy_audit')
    expect(athanor('sql')).toMatch(/create table "cli_users"/)
    expect(athanor('upgrade')).toMatch(/Running upgrade <base> -> \w+, create users/)
    expect(athanor('current')).toMatch(/\(head\)/)
    expect(athanor('revision', '-m', 'again', '--autogenerate')).toMatch(/No changes detected/)
    expect(athanor('upgrade')).toMatch(/, again/)

    writeModel(true)
    athanor('revision', '-m', 'posts', '--autogenerate', '--include-tables', 'cli_posts')
    const posts = readdirSync(join(directory, 'migrations')).find((file) => file.endsWith('_posts.ts'))!
    expect(readFileSync(join(directory, 'migrations', posts), 'utf8')).toContain("await op.createTable('cli_posts'")
    expect(athanor('upgrade')).toMatch(/, posts/)
    expect(athanor('history').trim().split('\n')).toHaveLength(3)

    const downgradeSql = athanor('sql', '--downgrade', 'head:base')
    expect(downgradeSql).toMatch(/-- Running downgrade \w+ -> \w+, posts\ndrop table "cli_posts";/)
    expect(downgradeSql).toMatch(/drop table "cli_users";\ndelete from athanor_version where version_num = '\w+';\n$/)
    expect(athanor('current')).toMatch(/\(head\)/)

    expect(athanor('downgrade', 'base')).toMatch(/Running downgrade/)
    expect(athanor('current')).toMatch(/<base>/)
    const tables = await sqlite("select name from sqlite_master where type = 'table' order by name")
    expect(tables.map((table) => table.name)).toEqual(['athanor_version', 'legacy_audit'])
  }, 60_000)
})
