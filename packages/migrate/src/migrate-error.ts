import { ToolkitError } from '@athanor/core'

/** A migration could not be planned, loaded or run; `cause` keeps the underlying error. */
export class MigrateError extends ToolkitError {
  override readonly name = 'MigrateError'

  /** The dialect offers no schema inspector. */
  static noInspector(dialectName: string): MigrateError {
    return new MigrateError(`The ${dialectName} dialect cannot reflect a schema: it has no createInspector().`)
  }

  /** A table asked for does not exist in the database. */
  static unknownTable(name: string): MigrateError {
    return new MigrateError(`Table "${name}" does not exist in the database.`)
  }

  /** A column asked for does not exist. */
  static unknownColumn(table: string, column: string): MigrateError {
    return new MigrateError(`Column "${column}" does not exist in table "${table}".`)
  }

  /** A constraint asked for does not exist (or has no name the database kept). */
  static unknownConstraint(table: string, name: string): MigrateError {
    return new MigrateError(`Table "${table}" has no constraint named "${name}".`)
  }

  /** The database's integrity check (SQLite's foreign_key_check) found rows a migration left broken. */
  static integrityCheckFailed(violations: number, sample: string): MigrateError {
    return new MigrateError(`The migration left ${violations} row(s) violating a foreign key (first: ${sample}); it was rolled back.`)
  }

  /** Offline SQL for a column change on a database that restates the whole column needs its type. */
  static needsExistingType(table: string, column: string): MigrateError {
    return new MigrateError(`Printing offline SQL for a change of "${table}"."${column}" on this database restates the whole column: pass its type as alterColumn(…, { existingType }).`)
  }

  /** The change needs the live table (a SQLite rebuild), but no database is connected. */
  static needsLiveDatabase(table: string, cause: unknown): MigrateError {
    return new MigrateError(`Changing table "${table}" on this database rebuilds the table, which needs a live connection; it cannot be printed as offline SQL.`, { cause })
  }

  /** Two migration files claim the same revision id. */
  static duplicateRevision(revision: string): MigrateError {
    return new MigrateError(`Revision "${revision}" is defined by more than one migration file.`)
  }

  /** A revision id (or prefix) matches no migration, or more than one. */
  static unknownRevision(revision: string): MigrateError {
    return new MigrateError(`No single migration matches revision "${revision}".`)
  }

  /** "head" is ambiguous when the history has branched. */
  static multipleHeads(heads: readonly string[]): MigrateError {
    return new MigrateError(`There are ${heads.length} heads (${heads.join(', ')}); upgrade to "heads", name one, or create a merge revision with "athanor migrate merge".`)
  }

  /** A migration's up or down failed; the revision names which. */
  static migrationFailed(revision: string, direction: 'up' | 'down', cause: unknown): MigrateError {
    return new MigrateError(`Migration ${revision} failed while running ${direction}(): ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }

  /** A file in the migrations directory lacks `revision`, `up` or `down`. */
  static invalidMigrationFile(file: string): MigrateError {
    return new MigrateError(`Migration file "${file}" must export revision, downRevision, up and down.`)
  }

  /** Neither DATABASE_URL nor the config file names a database. */
  static noDatabaseUrl(configPath: string): MigrateError {
    return new MigrateError(`No database URL: set DATABASE_URL or "url" in ${configPath}.`)
  }

  /** The command line could not be understood. */
  static usage(detail: string): MigrateError {
    return new MigrateError(`${detail}\n${USAGE}`)
  }
}

/** The CLI's help text. */
export const USAGE = `Usage: athanor migrate <command>
  init                               create the migrations directory and athanor.config.json
  revision -m "message" [--autogenerate] [--head <rev>]   write a new migration file
  merge -m "message" <rev> <rev>...  write a merge revision joining branches
  upgrade [target]                   apply migrations (target: head (default), heads, or a revision)
  downgrade <target>                 revert migrations (target: a revision, -1, -N, or base)
  current                            show the applied head revision(s)
  history                            list revisions, newest first
  heads                              list head revisions
  sql [[from:]target]                print the SQL of an upgrade (from base by default) instead of running it
  sql --downgrade <from>:<target>    print the SQL of a downgrade, e.g. head:base or head:-1
Autogenerate table filter: --include-tables a,b  --exclude-tables 'tmp_*'  (or includeTables / excludeTables
  in the config file); the version table is always left out.
Configuration: athanor.config.json { "url", "migrations", "metadata", "includeTables", "excludeTables" };
DATABASE_URL overrides url.`
