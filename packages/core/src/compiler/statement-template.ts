import type { ValueNode } from '../nodes/value-node'
import type { CompiledQuery } from './compiled-query'
import type { Dialect, TypeProcessor } from './dialect'

/**
 * A compiled statement with its values taken out: the SQL and, for each placeholder, which bound
 * value of the statement's shape fills it and how that value is converted for the driver.
 */
export class StatementTemplate {
  private constructor(
    private readonly compiled: CompiledQuery,
    /** For each parameter: the index of its value in the shape's walk order, or -1 for a named slot. */
    private readonly sources: readonly number[],
    private readonly processors: readonly (TypeProcessor | undefined)[],
    /** Values written into the SQL text (e.g. MariaDB frame offsets): a different value is a different statement. */
    private readonly inlined: readonly (readonly [index: number, value: unknown])[],
  ) {}

  /** Records how the values of `shapeValues` became the parameters of `compiled`. */
  static from(compiled: CompiledQuery, parameterNodes: readonly (ValueNode | undefined)[], inlinedNodes: readonly ValueNode[], shapeValues: readonly ValueNode[], dialect: Dialect): StatementTemplate {
    const positions = new Map<ValueNode, number>()
    shapeValues.forEach((node, index) => {
      if (!positions.has(node)) positions.set(node, index)
    })
    const sources = compiled.params.map((_, index) => {
      const node = parameterNodes[index]
      return node === undefined ? -1 : (positions.get(node) ?? -1)
    })
    const processors = sources.map((source) => {
      const type = source >= 0 ? shapeValues[source].type : undefined
      return type ? dialect.bindProcessor(type) : undefined
    })
    const inlined = inlinedNodes.map((node) => [positions.get(node) ?? -1, node.value] as const)
    return new StatementTemplate(compiled, sources, processors, inlined)
  }

  /** The compiled statement for these values, or undefined when the template does not fit them. */
  instantiate(values: readonly ValueNode[]): CompiledQuery | undefined {
    const inlined = this.inlined
    for (let position = 0; position < inlined.length; position++) {
      const [index, value] = inlined[position]
      if (index < 0 || values[index].value !== value) return undefined
    }
    const sources = this.sources
    const params = new Array<unknown>(sources.length)
    for (let index = 0; index < sources.length; index++) {
      const source = sources[index]
      if (source < 0) continue
      const value = values[source].value
      const processor = this.processors[index]
      params[index] = value === null || value === undefined ? null : processor ? processor(value) : value
    }
    const { sql, parameterSlots, resultColumns, returnsRows } = this.compiled
    return { sql, params, parameterSlots, resultColumns, returnsRows }
  }
}
