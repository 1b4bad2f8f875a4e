import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MetaData } from '@athanor/core'
import { createEngine, redactUrl } from '@athanor/dialects'
import { autogenerate } from './autogenerate/autogenerate'
import { type CliConfig, readCliConfig } from './cli-config'
import { parentsOf } from './migration'
import { loadMigrations } from './migration-loader'
import { MigrationRunner, VERSION_TABLE } from './migration-runner'
import { MigrateError, USAGE } from './migrate-error'
import { newRevisionId, renderRevisionFile, slugOf } from './revision-file'
import { tableFilter } from './table-filter'

interface ParsedArguments {
  readonly command: string | undefined
  readonly positional: string[]
  readonly flags: Map<string, string | true>
}

/** Splits `migrate revision -m "msg" --autogenerate` into a command, positionals and flags (by hand: no dependencies). */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  const rest = argv[0] === 'migrate' ? argv.slice(1) : [...argv]
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  const valued = new Set(['-m', '--message', '--head', '--config', '--include-tables', '--exclude-tables'])
  for (let index = 1; index < rest.length; index++) {
    const argument = rest[index]
    if (valued.has(argument)) {
      const value = rest[++index]
      if (value === undefined) throw MigrateError.usage(`${argument} needs a value.`)
      flags.set(argument === '--message' ? '-m' : argument, value)
    } else if (argument.startsWith('--')) flags.set(argument, true)
    // "-1" is a downgrade target, not a flag.
    else positional.push(argument)
  }
  return { command: rest[0], positional, flags }
}

/**
 * Runs one `athanor migrate …` command; returns the process exit code. Output goes to `print`.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process.cwd(), process.env, console.log)
 */
export async function runCli(argv: readonly string[], directory: string, environment: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const args = parseArguments(argv)
  if (args.command === undefined || args.command === 'help' || args.command === '--help' || args.flags.has('--help')) {
    print(USAGE)
    return 0
  }
  if (args.command === 'init') return initialise(directory, print)
  const config = readCliConfig(directory, environment, (args.flags.get('--config') as string | undefined) ?? 'athanor.config.json')
  const engine = createEngine(config.url)
  try {
    if (!existsSync(config.migrationsDirectory)) throw MigrateError.usage(`No migrations directory at ${config.migrationsDirectory}; run "athanor migrate init".`)
    const migrations = loadMigrations(config.migrationsDirectory)
    const runner = new MigrationRunner(engine, migrations, { log: print })
    switch (args.command) {
      case 'upgrade':
        print(`Upgrading ${redactUrl(config.url)}`)
        await runner.upgrade(args.positional[0] ?? 'head')
        return 0
      case 'downgrade':
        if (args.positional[0] === undefined) throw MigrateError.usage('downgrade needs a target: a revision, -1, or base.')
        print(`Downgrading ${redactUrl(config.url)}`)
        await runner.downgrade(args.positional[0])
        return 0
      case 'current': {
        const heads = await runner.current()
        print(heads.length === 0 ? '<base> (no revision applied)' : heads.map((revision) => `${revision}${runner.graph.heads().includes(revision) ? ' (head)' : ''}`).join('\n'))
        return 0
      }
      case 'heads':
        for (const head of runner.graph.heads()) print(`${head} (head), ${runner.graph.get(head).message}`)
        return 0
      case 'history':
        for (const migration of runner.graph.ordered().reverse()) {
          const parents = parentsOf(migration)
          print(`${parents.length === 0 ? '<base>' : parents.join(', ')} -> ${migration.revision}${runner.graph.heads().includes(migration.revision) ? ' (head)' : ''}${parents.length > 1 ? ' (merge)' : ''}, ${migration.message}`)
        }
        return 0
      case 'sql':
        for (const statement of await offlineSql(args, runner)) print(statement.startsWith('--') ? statement : `${statement};`)
        return 0
      case 'revision':
      case 'merge':
        return await writeRevision(args, runner, engine, config, print)
      default:
        throw MigrateError.usage(`Unknown command "${args.command}".`)
    }
  } finally {
    await engine.dispose()
  }
}

/**
 * `sql [from:]target` prints an upgrade (from base by default); `sql --downgrade from:target`
 * prints a downgrade, `from` being what is taken as applied (head, heads or a revision).
 */
async function offlineSql(args: ParsedArguments, runner: MigrationRunner): Promise<string[]> {
  const range = args.positional[0]
  const separator = range?.lastIndexOf(':') ?? -1
  const [from, target] = range === undefined ? [undefined, undefined] : separator < 0 ? [undefined, range] : [range.slice(0, separator), range.slice(separator + 1)]
  if (!args.flags.has('--downgrade')) return runner.upgradeSql(target ?? 'head', from)
  if (from === undefined || target === undefined || from === '' || target === '') throw MigrateError.usage('sql --downgrade needs a range <from>:<target>, e.g. head:base or head:-1.')
  return runner.downgradeSql(from, target)
}

async function writeRevision(args: ParsedArguments, runner: MigrationRunner, engine: ReturnType<typeof createEngine>, config: CliConfig, print: (line: string) => void): Promise<number> {
  const { migrationsDirectory, metadataModule } = config
  const message = args.flags.get('-m')
  if (typeof message !== 'string') throw MigrateError.usage(`${args.command} needs -m "message".`)
  const revision = newRevisionId()
  const heads = runner.graph.heads()
  let downRevision: string | readonly string[] | null
  if (args.command === 'merge') {
    const parents = args.positional.length > 0 ? args.positional.map((r) => runner.graph.get(r).revision) : heads
    if (parents.length < 2) throw MigrateError.usage('merge needs two or more revisions (or a history with several heads).')
    downRevision = parents
  } else {
    const head = args.flags.get('--head')
    if (typeof head === 'string') downRevision = runner.graph.get(head).revision
    else if (heads.length > 1) throw MigrateError.multipleHeads(heads)
    else downRevision = heads[0] ?? null
  }
  let source = renderRevisionFile({ revision, downRevision, message })
  if (args.flags.has('--autogenerate')) {
    if (!metadataModule) throw MigrateError.usage('--autogenerate needs "metadata" in athanor.config.json: a module exporting `metadata`.')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the application's model, loaded by path
    const metadata = (require(metadataModule) as { metadata: MetaData }).metadata
    const applied = await runner.current()
    const pending = heads.filter((head) => !applied.includes(head))
    if (pending.length > 0) throw MigrateError.usage(`The database is not up to date (head ${pending.join(', ')} not applied); run "athanor migrate upgrade" first.`)
    const listed = (flag: string) => {
      const value = args.flags.get(flag)
      return typeof value === 'string' ? value.split(',').map((name) => name.trim()).filter(Boolean) : undefined
    }
    const include = tableFilter({ includeTables: listed('--include-tables') ?? config.includeTables, excludeTables: listed('--exclude-tables') ?? config.excludeTables })
    const result = await autogenerate(engine, metadata, { revision, downRevision, message, ignoreTables: [VERSION_TABLE], include })
    source = result.source
    if (result.diff.isEmpty) print('No changes detected; writing an empty migration.')
  }
  const file = join(migrationsDirectory, `${revision}_${slugOf(message)}.ts`)
  writeFileSync(file, source)
  print(`Generating ${file}`)
  return 0
}

function initialise(directory: string, print: (line: string) => void): number {
  const migrations = resolve(directory, 'migrations')
  mkdirSync(migrations, { recursive: true })
  const configPath = resolve(directory, 'athanor.config.json')
  if (!existsSync(configPath)) {
    // No URL in the file: credentials belong in DATABASE_URL.
    writeFileSync(configPath, `${JSON.stringify({ migrations: 'migrations', metadata: 'src/schema.ts' }, null, 2)}\n`)
    print(`Created ${configPath}`)
  }
  print(`Created ${migrations}; set DATABASE_URL and run "athanor migrate revision -m \\"first\\" --autogenerate".`)
  return 0
}

/** The `athanor` command's entry point (bin/athanor.js calls it once tsx is registered). */
export function main(): void {
  runCli(process.argv.slice(2), process.cwd(), process.env, (line) => console.log(line)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      // Messages never carry the URL's password: only redactUrl(url) is printed anywhere.
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
      process.exitCode = 1
    },
  )
}

if (require.main === module) main()
