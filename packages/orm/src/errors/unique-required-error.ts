import { ToolkitError } from '@athanor/core'

/**
 * Rows of `session.execute()` were read without `.unique()` although a joined eager load of a
 * collection repeats each object once per related row (as SQLAlchemy's `Result` requires).
 */
export class UniqueRequiredError extends ToolkitError {
  override readonly name: string = 'UniqueRequiredError'

  /** `relationship` is `Class.attribute`, the collection joinedload loads. */
  static forJoinedCollection(relationship: string): UniqueRequiredError {
    const [className, attribute] = relationship.split('.')
    return new UniqueRequiredError(
      `This result holds a joined eager load of the collection ${relationship}, which repeats each ${className} once per related row. ` +
        'Call .unique() before reading it: `(await session.execute(statement)).unique().all()`; or use `session.scalars(statement)`, which de-duplicates, ' +
        `or selectinload("${attribute}"), which adds no rows.`,
    )
  }
}
