/** Transaction isolation levels; `AUTOCOMMIT` runs each statement on its own, with no transaction. */
export const ISOLATION_LEVELS = ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE', 'AUTOCOMMIT'] as const

export type IsolationLevel = (typeof ISOLATION_LEVELS)[number]
