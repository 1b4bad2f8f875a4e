import type { SchemaChangeSql } from '@athanor/core'

/**
 * SQLite's procedure for changing a table's shape: foreign keys off (only possible outside a
 * transaction), the change in a transaction, `foreign_key_check` before COMMIT, foreign keys back
 * on. With foreign keys on, the DROP TABLE of a rebuild would delete the rows of child tables that
 * declare ON DELETE CASCADE. https://www.sqlite.org/lang_altertable.html#otheralter
 */
export const SQLITE_SCHEMA_CHANGE_SQL: SchemaChangeSql = Object.freeze({
  beforeTransaction: Object.freeze(['pragma foreign_keys = off']),
  integrityCheck: 'pragma foreign_key_check',
  // The driver opens every connection with foreign keys on; the pool gets it back that way.
  afterTransaction: Object.freeze(['pragma foreign_keys = on']),
})
