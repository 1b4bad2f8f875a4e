import { ToolkitError } from './toolkit-error'

/** A statement that cannot be compiled for the chosen dialect. */
export class CompileError extends ToolkitError {
  override readonly name: string = 'CompileError'
}

/** A feature one database lacks, e.g. RETURNING on MySQL; names the dialect and the feature. */
export class UnsupportedFeatureError extends CompileError {
  override readonly name: string = 'UnsupportedFeatureError'

  static forFeature(dialect: string, feature: string, hint?: string): UnsupportedFeatureError {
    return new UnsupportedFeatureError(`The ${dialect} dialect does not support ${feature}.${hint ? ` ${hint}` : ''}`)
  }
}
