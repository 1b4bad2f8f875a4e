/** The databases every integration test runs on; URLs come from env vars with local defaults. */
export const DATABASE_URLS = {
  sqlite: process.env.ATHANOR_SQLITE_URL ?? 'sqlite::memory:',
  postgresql: process.env.ATHANOR_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  mysql: process.env.ATHANOR_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
} as const

export type DialectName = keyof typeof DATABASE_URLS

export const ALL_DIALECTS = Object.keys(DATABASE_URLS) as DialectName[]

/** Set by global-setup.ts: the dialects whose server answered. */
export const AVAILABLE_DIALECTS_ENV = 'ATHANOR_AVAILABLE_DIALECTS'
