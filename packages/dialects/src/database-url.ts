import { ArgumentError } from '@athanor/core'

/** A parsed connection URL; `password` never appears in `toString()` or errors. */
export type DatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | {
      readonly dialect: 'postgresql' | 'mysql'
      /** The scheme as written, without the colon: `mariadb` tells the MySQL dialect which server to expect. */
      readonly scheme: string
      readonly host: string
      readonly port: number | undefined
      readonly user: string | undefined
      readonly password: string | undefined
      readonly database: string | undefined
      readonly query: Readonly<Record<string, string>>
    }

const SCHEMES: Readonly<Record<string, 'postgresql' | 'mysql'>> = {
  'postgresql:': 'postgresql',
  'postgres:': 'postgresql',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
}

/**
 * Parses `sqlite::memory:`, `sqlite:///relative.db`, `sqlite:////absolute.db` (as SQLAlchemy),
 * `postgresql://user:pw@host:5432/db` (also `postgres://`) and `mysql://…` (also `mariadb://`).
 */
export function parseDatabaseUrl(url: string): DatabaseUrl {
  if (typeof url !== 'string' || url.length === 0) throw new ArgumentError('createEngine needs a database URL, e.g. "sqlite::memory:" or "postgresql://user@localhost/db".')
  if (url === 'sqlite::memory:' || url === 'sqlite://' || url === 'sqlite:///:memory:') return { dialect: 'sqlite', filename: ':memory:' }
  if (url.startsWith('sqlite:///')) {
    const path = url.slice('sqlite:///'.length)
    if (path.length === 0) throw new ArgumentError('A sqlite URL needs a file path: "sqlite:///app.db" (relative) or "sqlite:////var/data/app.db" (absolute).')
    return { dialect: 'sqlite', filename: path }
  }
  const schemeEnd = url.indexOf('//')
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd) : url.split(':')[0] + ':'
  const dialect = SCHEMES[scheme.toLowerCase()]
  if (dialect === undefined) {
    throw new ArgumentError(`Unknown database URL scheme "${scheme.replace(/:$/, '')}". Use sqlite:, postgresql: (or postgres:), mysql: (or mariadb:).`)
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // The URL parser's error repeats the input, password included, so it is not kept as the cause.
    throw new ArgumentError(`Malformed ${dialect} URL ${redactUrl(url)}: expected ${scheme}//user:password@host:port/database.`)
  }
  if (!parsed.hostname) throw new ArgumentError(`The ${dialect} URL ${redactUrl(url)} has no host.`)
  const port = parsed.port ? Number(parsed.port) : undefined
  return {
    dialect,
    scheme: scheme.toLowerCase().replace(/:$/, ''),
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined,
    query: Object.fromEntries(parsed.searchParams.entries()),
  }
}

/** The URL with its password replaced by `***`, safe for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@')
}
