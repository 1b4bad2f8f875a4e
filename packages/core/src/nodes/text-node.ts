import type { ParameterNode } from './parameter-node'

/** A whole statement written as text, with `:name` parameters between its parts. */
export interface TextNode {
  readonly kind: 'TextNode'
  /** One more part than parameters. */
  readonly parts: readonly string[]
  readonly parameters: readonly ParameterNode[]
}

export const textNode = (parts: readonly string[], parameters: readonly ParameterNode[]): TextNode =>
  Object.freeze({ kind: 'TextNode', parts: Object.freeze([...parts]), parameters: Object.freeze([...parameters]) })
