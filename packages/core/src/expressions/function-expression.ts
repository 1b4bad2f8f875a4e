import type { FunctionNode } from '../nodes/function-node'
import { windowFunctionNode } from '../nodes/window-function-node'
import type { SqlType } from '../schema/sql-type'
import { Expression } from './expression'
import { type WindowSpecification, windowParts } from './window-specification'

/** A function call made by `func.…`; it can be turned into a window function with `over`. */
export class FunctionExpression<T> extends Expression<T> {
  declare readonly node: FunctionNode

  constructor(node: FunctionNode, sqlType: SqlType<T> | undefined) {
    super(node, sqlType)
  }

  /**
   * The call as a window function: `func.rowNumber().over({ partitionBy: posts.c.userId, orderBy: posts.c.id.desc() })`,
   * or a running total, `func.sum(orders.c.amount).over({ orderBy: orders.c.day, frame: { rows: [null, 0] } })`.
   */
  over(window: WindowSpecification = {}): Expression<T> {
    const { partitionBy, orderBy, frame } = windowParts(window)
    return new Expression<T>(windowFunctionNode(this.node, partitionBy, orderBy, frame), this.sqlType)
  }
}
