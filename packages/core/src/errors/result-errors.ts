import { ToolkitError } from './toolkit-error'

/** `one()` found no row. */
export class NoResultFound extends ToolkitError {
  override readonly name: string = 'NoResultFound'

  static create(): NoResultFound {
    return new NoResultFound('No row was found when one was required')
  }
}

/** `one()` or `oneOrNone()` found more than one row. */
export class MultipleResultsFound extends ToolkitError {
  override readonly name: string = 'MultipleResultsFound'

  static withCount(count: number): MultipleResultsFound {
    return new MultipleResultsFound(`Expected at most one row, found ${count}`)
  }
}
