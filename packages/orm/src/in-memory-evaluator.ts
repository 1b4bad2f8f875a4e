import type { ExpressionNode, TableNode } from '@athanor/core'
import type { EntityMapper } from './entity-mapper'
import type { InstanceState } from './instance-state'

/** The result of an expression that memory cannot decide (an expired column, a NULL comparison). */
export const UNKNOWN: unique symbol = Symbol('athanor.unknown')

/** Thrown for an expression the evaluator does not handle (a function, a subquery, another table's column). */
export class NotEvaluable extends Error {}

/**
 * Evaluates a WHERE condition or a SET value of a bulk UPDATE/DELETE against an object in memory,
 * for `synchronizeSession: "evaluate"`: columns of the statement's table, bound values,
 * comparisons, arithmetic, AND/OR/NOT, IN, IS NULL. Anything else throws `NotEvaluable`.
 *
 * ```ts
 * evaluate(statement.node.where, state, mapper, statement.node.table) // true | false | UNKNOWN
 * ```
 */
export function evaluate(node: ExpressionNode, state: InstanceState, mapper: EntityMapper, table: TableNode): unknown {
  const recurse = (child: ExpressionNode): unknown => evaluate(child, state, mapper, table)
  switch (node.kind) {
    case 'ValueNode':
      return node.value
    case 'ColumnNode': {
      const column = node.table === table ? mapper.columns.find((candidate) => candidate.name === node.name) : undefined
      if (column === undefined) throw new NotEvaluable(`column ${node.name} of another table`)
      const value = state.values[column.key]
      return value === undefined ? UNKNOWN : value
    }
    case 'BinaryOperationNode': {
      const left = recurse(node.left)
      const right = recurse(node.right)
      if (left === UNKNOWN || right === UNKNOWN || left === null || right === null) return UNKNOWN
      return operate(node.operator, left, right)
    }
    case 'LogicalNode': {
      const values = node.operands.map(recurse)
      if (node.operator === 'and') return values.some((value) => value === false) ? false : values.every((value) => value === true) ? true : UNKNOWN
      return values.some((value) => value === true) ? true : values.every((value) => value === false) ? false : UNKNOWN
    }
    case 'NotNode': {
      const value = recurse(node.operand)
      return value === UNKNOWN ? UNKNOWN : !value
    }
    case 'IsNullNode': {
      const value = recurse(node.operand)
      return value === UNKNOWN ? UNKNOWN : (value === null) !== node.isNegated
    }
    case 'InListNode': {
      const value = recurse(node.operand)
      if (value === UNKNOWN || value === null) return UNKNOWN
      const found = node.values.map(recurse).some((candidate) => candidate !== UNKNOWN && operate('=', value, candidate) === true)
      return found !== node.isNegated
    }
    default:
      throw new NotEvaluable(node.kind)
  }
}

function operate(operator: string, left: unknown, right: unknown): unknown {
  const a = left instanceof Date ? left.getTime() : (left as number)
  const b = right instanceof Date ? right.getTime() : (right as number)
  switch (operator) {
    case '=':
      return a === b
    case '<>':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
    case '+':
      return a + b
    case '-':
      return a - b
    case '*':
      return a * b
    case '/':
      return a / b
    case '%':
      return a % b
    default:
      throw new NotEvaluable(operator)
  }
}
