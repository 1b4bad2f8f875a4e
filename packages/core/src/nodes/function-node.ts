import type { ExpressionNode } from './expression-node'

/** A SQL function call, `name(arg, …)`; `count()` with no argument is `count(*)`. */
export interface FunctionNode {
  readonly kind: 'FunctionNode'
  readonly name: string
  readonly args: readonly ExpressionNode[]
}

export const functionNode = (name: string, args: readonly ExpressionNode[]): FunctionNode =>
  Object.freeze({ kind: 'FunctionNode', name, args: Object.freeze([...args]) })
