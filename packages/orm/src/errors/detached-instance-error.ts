import { ToolkitError } from '@athanor/core'

/** The operation needs the object to belong to this session (or to any session), and it does not. */
export class DetachedInstanceError extends ToolkitError {
  override readonly name: string = 'DetachedInstanceError'

  static notInSession(className: string, operation: string): DetachedInstanceError {
    return new DetachedInstanceError(`${operation}: this ${className} is not attached to this Session. Add it with session.add(), or copy it in with await session.merge().`)
  }

  static inOtherSession(className: string): DetachedInstanceError {
    return new DetachedInstanceError(`This ${className} already belongs to another Session; expunge it there first, or use await session.merge() to copy its state.`)
  }

  static cannotReload(className: string, attribute: string): DetachedInstanceError {
    return new DetachedInstanceError(
      `${className}.${attribute} was expired and the object is detached, so it cannot be reloaded. Merge it into a session (await session.merge(obj)) and read the returned object.`,
    )
  }
}
