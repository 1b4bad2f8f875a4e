import type { ExpressionNode } from './expression-node'
import type { FunctionNode } from './function-node'
import type { OrderByNode } from './order-by-node'

/** One end of a window frame; `offset` is set for `n preceding` and `n following`. */
export interface FrameBound {
  readonly position: 'unbounded preceding' | 'preceding' | 'current row' | 'following' | 'unbounded following'
  readonly offset: ExpressionNode | undefined
}

/** `rows|range between start and end`. */
export interface WindowFrame {
  readonly unit: 'rows' | 'range'
  readonly start: FrameBound
  readonly end: FrameBound
}

/** `function(…) over (partition by … order by … frame)`. */
export interface WindowFunctionNode {
  readonly kind: 'WindowFunctionNode'
  readonly function: FunctionNode
  readonly partitionBy: readonly ExpressionNode[]
  readonly orderBy: readonly OrderByNode[]
  readonly frame: WindowFrame | undefined
}

export const windowFunctionNode = (
  call: FunctionNode,
  partitionBy: readonly ExpressionNode[],
  orderBy: readonly OrderByNode[],
  frame: WindowFrame | undefined,
): WindowFunctionNode =>
  Object.freeze({
    kind: 'WindowFunctionNode',
    function: call,
    partitionBy: Object.freeze([...partitionBy]),
    orderBy: Object.freeze([...orderBy]),
    frame: frame && Object.freeze({ unit: frame.unit, start: Object.freeze({ ...frame.start }), end: Object.freeze({ ...frame.end }) }),
  })
