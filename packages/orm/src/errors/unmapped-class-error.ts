import { ToolkitError } from '@athanor/core'

/** A class or object that is not mapped (not a `Model(table)` subclass) was handed to the ORM. */
export class UnmappedClassError extends ToolkitError {
  override readonly name: string = 'UnmappedClassError'

  static forClass(target: unknown): UnmappedClassError {
    return new UnmappedClassError(`${describe(target)} is not mapped: declare it as \`class X extends Model(table) {}\` (and call mapper(X, { ... }) for relationships).`)
  }

  static forInstance(instance: unknown): UnmappedClassError {
    const constructorName = typeof instance === 'object' && instance !== null ? instance.constructor?.name : undefined
    return new UnmappedClassError(`An instance of ${constructorName ?? typeof instance} is not a mapped object: only instances of \`Model(table)\` subclasses can be added to a Session.`)
  }
}

function describe(target: unknown): string {
  if (typeof target === 'function') return target.name ? `Class ${target.name}` : 'An anonymous class'
  return `A value of type ${typeof target}`
}
