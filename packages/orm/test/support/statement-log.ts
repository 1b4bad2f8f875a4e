import type { Engine } from '@athanor/core'

/** Records the SQL an engine runs (afterExecute), to count statements by kind. */
export class StatementLog {
  readonly statements: string[] = []
  private readonly stop: () => void

  constructor(engine: Engine) {
    this.stop = engine.on('afterExecute', (event) => {
      this.statements.push(event.sql)
    })
  }

  /** Statements whose SQL starts with `verb` (case-insensitive): "insert", "update", "delete", "select". */
  count(verb: string): number {
    return this.matching(verb).length
  }

  matching(verb: string): string[] {
    return this.statements.filter((sql) => sql.trimStart().toLowerCase().startsWith(verb))
  }

  /** Statements that read or write rows (not BEGIN, COMMIT, SAVEPOINT…). */
  get dataStatements(): string[] {
    return this.statements.filter((sql) => /^\s*(select|insert|update|delete)\b/i.test(sql))
  }

  clear(): void {
    this.statements.length = 0
  }

  dispose(): void {
    this.stop()
  }
}
