import { ToolkitError } from '@athanor/core'

/** An UPDATE or DELETE by primary key matched fewer rows than the session expected: the row changed or vanished underneath it. */
export class StaleDataError extends ToolkitError {
  override readonly name: string = 'StaleDataError'

  static rowCountMismatch(statement: 'UPDATE' | 'DELETE', table: string, expected: number, matched: number): StaleDataError {
    return new StaleDataError(`${statement} of "${table}" expected to match ${expected} row(s) by primary key but matched ${matched}: the row was changed or deleted by another transaction.`)
  }

  static versionMismatch(statement: 'UPDATE' | 'DELETE', table: string, versionColumn: string, expected: number, matched: number): StaleDataError {
    return new StaleDataError(
      `${statement} of "${table}" expected to match ${expected} row(s) by primary key and ${versionColumn} but matched ${matched}: another transaction changed or deleted the row since it was loaded. Reload it (session.refresh) and apply the change again.`,
    )
  }
}
