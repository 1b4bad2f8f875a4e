import { ToolkitError } from '@athanor/core'

/**
 * An attribute whose value is not in memory was read. Loading is always an explicit `await` in
 * Athanor (never a hidden query on property access), so the message names the call that loads it.
 */
export class NotLoadedError extends ToolkitError {
  override readonly name: string = 'NotLoadedError'

  /** A relationship that was never loaded (or was expired). */
  static forRelationship(className: string, relationship: string): NotLoadedError {
    const variable = lowerFirst(className)
    return new NotLoadedError(
      `${className}.${relationship} is not loaded. Load it with \`await session.refresh(${variable}, ["${relationship}"])\` ` +
        `(or load it with the query: \`.options(selectinload("${relationship}"))\`, joinedload, subqueryload). Athanor never loads on attribute access.`,
    )
  }

  /** A relationship the query marked raiseload. */
  static forRaiseload(className: string, relationship: string): NotLoadedError {
    return new NotLoadedError(
      `${className}.${relationship} is not loaded: the query marked it raiseload("${relationship}"). ` +
        `Load it with the query (selectinload("${relationship}"), joinedload or subqueryload), or explicitly with \`await session.refresh(${lowerFirst(className)}, ["${relationship}"])\`.`,
    )
  }

  /** A deferred column (loadOnly/defer) that was never loaded. */
  static forDeferredColumn(className: string, column: string): NotLoadedError {
    return new NotLoadedError(
      `${className}.${column} is deferred and was not loaded. Load it with the query (\`.options(undefer("${column}"))\`) or explicitly with \`await session.refresh(${lowerFirst(className)}, ["${column}"])\`.`,
    )
  }

  /** A column attribute that was expired by commit(), rollback() or expire(). */
  static forExpiredColumn(className: string, column: string): NotLoadedError {
    const variable = lowerFirst(className)
    return new NotLoadedError(
      `${className}.${column} was expired (by commit(), rollback() or expire()) and is not loaded. Reload it with \`await session.refresh(${variable})\`, ` +
        'or load the object again through the session; open the Session with { expireOnCommit: false } to keep values readable after commit().',
    )
  }
}

function lowerFirst(name: string): string {
  return name.length === 0 ? 'obj' : name[0].toLowerCase() + name.slice(1)
}
