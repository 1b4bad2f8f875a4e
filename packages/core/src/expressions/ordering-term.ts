import type { ExpressionNode } from '../nodes/expression-node'
import { type OrderByNode, orderByNode, withNulls } from '../nodes/order-by-node'

/** One term of ORDER BY, made by `col.asc()` / `col.desc()`. */
export class OrderingTerm {
  private constructor(readonly node: OrderByNode) {}

  static of(expression: ExpressionNode, direction?: 'asc' | 'desc'): OrderingTerm {
    return new OrderingTerm(orderByNode(expression, direction))
  }

  /** NULLs sort before other values (emulated where the database lacks NULLS FIRST). */
  nullsFirst(): OrderingTerm {
    return new OrderingTerm(withNulls(this.node, 'first'))
  }

  /** NULLs sort after other values (emulated where the database lacks NULLS LAST). */
  nullsLast(): OrderingTerm {
    return new OrderingTerm(withNulls(this.node, 'last'))
  }
}
