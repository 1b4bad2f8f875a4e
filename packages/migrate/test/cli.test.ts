import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

// Spawning tsx is slow (about a second a command), so this file keeps to one SQLite walk-through.
const repository = resolve(__dirname, '../../..')
const directory = join(__dirname, '.tmp-cli')

function athanor(...args: string[]): string {
  return execFileSync('npx', ['tsx', join(repository, 'packages/migrate/src/cli.ts'), 'migrate', ...args], {
    cwd: directory,
    env: { ...process.env, DATABASE_URL: `sqlite:///${join(directory, 'app.db')}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

describe('athanor migrate (CLI)', () => {
  beforeAll(() => {
    rmSync(directory, { recursive: true, force: true })
    mkdirSync(join(directory, 'src'), { recursive: true })
    writeFileSync(
      join(directory, 'src/schema.ts'),
      [
        "import { MetaData, integer, varchar } from '@athanor/core'",
        'export const metadata = new MetaData()',
        "metadata.table('cli_users', { id: integer().primaryKey(), name: varchar(50).notNull() })",
      ].join('\n'),
    )
  })
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('initialises, autogenerates, upgrades, reports and downgrades', () => {
    athanor('init')
    expect(athanor('revision', '-m', 'create users', '--autogenerate')).toMatch(/Generating .*_create_users\.ts/)
    expect(readdirSync(join(directory, 'migrations'))).toHaveLength(1)
    expect(athanor('sql')).toMatch(/create table "cli_users"/)
    expect(athanor('upgrade')).toMatch(/Running upgrade <base> -> \w+, create users/)
    expect(athanor('current')).toMatch(/\(head\)/)
    expect(athanor('revision', '-m', 'again', '--autogenerate')).toMatch(/No changes detected/)
    expect(athanor('history').trim().split('\n')).toHaveLength(2)
    expect(athanor('downgrade', 'base')).toMatch(/Running downgrade/)
    expect(athanor('current')).toMatch(/<base>/)
  }, 60_000)
})
