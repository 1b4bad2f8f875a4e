import { ToolkitError } from '@athanor/core'

/** The session's changes cannot be written as they stand (nothing was written). */
export class FlushError extends ToolkitError {
  override readonly name: string = 'FlushError'

  static circularDependency(classNames: readonly string[]): FlushError {
    return new FlushError(
      `Cannot order the INSERTs of ${classNames.join(', ')}: their foreign keys form a cycle with no nullable column to fill in afterwards. ` +
        'Make one foreign key column nullable (it is then set by a second UPDATE), or flush the objects in two steps.',
    )
  }

  static cannotReadGeneratedKey(table: string): FlushError {
    return new FlushError(
      `Cannot read back the primary key the database generates for "${table}": this database has no INSERT … RETURNING and the key is not an autoincrement integer. Set the key on the client (e.g. a client-side default).`,
    )
  }

  static missingKeyValue(relationship: string, column: string): FlushError {
    return new FlushError(`${relationship}: the related object has no value for "${column}" to copy into the foreign key; is it in the session (save-update cascade) and flushed?`)
  }

  static noInsertId(table: string): FlushError {
    return new FlushError(`The driver reported no generated id for the INSERT into "${table}".`)
  }
}
