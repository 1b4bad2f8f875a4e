import type { TypeProcessor } from './dialect'

/** Builds one typed row object from one array row. */
export type RowBuilder = (row: readonly unknown[]) => Record<string, unknown>

/**
 * Compiles, once per statement shape, a function that turns an array row into an object with the
 * given keys. A generated object literal gives V8 one hidden class for all rows, and processors are
 * applied only to the columns that have one (no per-row closures, no per-row loops).
 */
export function compileRowBuilder(keys: readonly string[], processors: readonly (TypeProcessor | undefined)[]): RowBuilder {
  const properties = keys.map((key, index) => {
    const value = processors[index] ? `p${index}(r[${index}])` : `r[${index}]`
    return `${JSON.stringify(key)}: ${value}`
  })
  const processorNames = keys.map((_, index) => `p${index}`)
  const factory = new Function(...processorNames, `return function buildRow(r) { return { ${properties.join(', ')} } }`) as (
    ...processors: (TypeProcessor | undefined)[]
  ) => RowBuilder
  return factory(...processors)
}
