export { ToolkitError } from './toolkit-error'
export { ArgumentError } from './argument-error'
export { CompileError, UnsupportedFeatureError } from './compile-error'
export {
  DatabaseError,
  type DatabaseErrorDetails,
  IntegrityError,
  UniqueViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  OperationalError,
  type OperationalErrorDetails,
  ProgrammingError,
  DataError,
} from './database-error'
export { PoolTimeoutError } from './pool-timeout-error'
export { NoResultFound, MultipleResultsFound } from './result-errors'
