import type { SqlType } from '../schema/sql-type'
import { type BinaryOperator, binaryOperationNode } from '../nodes/binary-operation-node'
import { betweenNode } from '../nodes/between-node'
import { concatNode } from '../nodes/concat-node'
import type { ExpressionNode } from '../nodes/expression-node'
import { inListNode } from '../nodes/in-list-node'
import { inSubqueryNode } from '../nodes/in-subquery-node'
import { resultColumnsOfQuery } from '../nodes/query-node'
import type { SelectBase } from '../statements/select-base'
import { ArgumentError } from '../errors/argument-error'
import { isNullNode } from '../nodes/is-null-node'
import { labelNode } from '../nodes/label-node'
import { likeNode } from '../nodes/like-node'
import { BOOLEAN_TYPE, TEXT_TYPE } from '../schema/sql-type'
import { OrderingTerm } from './ordering-term'
import { valueNode } from '../nodes/value-node'
import { inferSqlType } from '../schema/sql-type'

/** A value that may stand on the right of an operator: a JS value (bound) or another expression. */
export type Operand<T> = T | null | Expression<T | null>

/** A query whose one column holds values comparable with `T`, as `in(select(…))` takes. */
export type ColumnQuery<T> = SelectBase<{ readonly [key: string]: T | null }>

/** A boolean SQL expression, as taken by `where`, `having`, `and`, `or`. */
export type Condition = Expression<boolean | null>

/**
 * A typed SQL expression. `T` is the JavaScript type of its value. Every method returns a new
 * expression; the receiver is never changed.
 */
export class Expression<T> {
  /** Phantom: the JavaScript value type. */
  declare readonly __value: T

  constructor(
    readonly node: ExpressionNode,
    /** Decides the type processors for values compared with it and for results read from it. */
    readonly sqlType: SqlType<T> | undefined,
  ) {}

  /** `this = other`; `eq(null)` compiles to `IS NULL`. */
  eq(other: Operand<T>): Expression<boolean> {
    return other === null ? condition(isNullNode(this.node, false)) : this.compare('=', other)
  }

  /** `this <> other`; `ne(null)` compiles to `IS NOT NULL`. */
  ne(other: Operand<T>): Expression<boolean> {
    return other === null ? condition(isNullNode(this.node, true)) : this.compare('<>', other)
  }

  /** `this < other`. */
  lt(other: Operand<T>): Expression<boolean> {
    return this.compare('<', other)
  }

  /** `this <= other`. */
  le(other: Operand<T>): Expression<boolean> {
    return this.compare('<=', other)
  }

  /** `this > other`. */
  gt(other: Operand<T>): Expression<boolean> {
    return this.compare('>', other)
  }

  /** `this >= other`. */
  ge(other: Operand<T>): Expression<boolean> {
    return this.compare('>=', other)
  }

  /**
   * `this IN (…)` over a list (an empty list is a condition that is always false) or a one-column
   * query: `users.c.id.in(select(posts.c.userId).where(posts.c.views.gt(100)))`.
   */
  in(values: readonly Operand<T>[] | ColumnQuery<T>): Expression<boolean> {
    return this.membership(values, false)
  }

  /** `this NOT IN (…)` over a list (an empty list is a condition that is always true) or a one-column query. */
  notIn(values: readonly Operand<T>[] | ColumnQuery<T>): Expression<boolean> {
    return this.membership(values, true)
  }

  /** `this BETWEEN low AND high`. */
  between(low: Operand<T>, high: Operand<T>): Expression<boolean> {
    return condition(betweenNode(this.node, toOperandNode(low, this.sqlType), toOperandNode(high, this.sqlType), false))
  }

  /** `this NOT BETWEEN low AND high`. */
  notBetween(low: Operand<T>, high: Operand<T>): Expression<boolean> {
    return condition(betweenNode(this.node, toOperandNode(low, this.sqlType), toOperandNode(high, this.sqlType), true))
  }

  /** `this LIKE pattern` (`%` and `_` are wildcards). */
  like(pattern: Operand<string>): Expression<boolean> {
    return condition(likeNode(this.node, toOperandNode(pattern, TEXT_TYPE), false, false))
  }

  /** `this NOT LIKE pattern`. */
  notLike(pattern: Operand<string>): Expression<boolean> {
    return condition(likeNode(this.node, toOperandNode(pattern, TEXT_TYPE), false, true))
  }

  /** Case-insensitive LIKE: native ILIKE on PostgreSQL, `lower(a) LIKE lower(b)` elsewhere. */
  ilike(pattern: Operand<string>): Expression<boolean> {
    return condition(likeNode(this.node, toOperandNode(pattern, TEXT_TYPE), true, false))
  }

  /** Case-insensitive NOT LIKE. */
  notIlike(pattern: Operand<string>): Expression<boolean> {
    return condition(likeNode(this.node, toOperandNode(pattern, TEXT_TYPE), true, true))
  }

  /** `this IS NULL`. */
  isNull(): Expression<boolean> {
    return condition(isNullNode(this.node, false))
  }

  /** `this IS NOT NULL`. */
  isNotNull(): Expression<boolean> {
    return condition(isNullNode(this.node, true))
  }

  /** `this + other`, e.g. `posts.c.views.add(1)`. */
  add(other: Operand<T>): Expression<T> {
    return this.arithmetic('+', other)
  }

  /** `this - other`. */
  sub(other: Operand<T>): Expression<T> {
    return this.arithmetic('-', other)
  }

  /** `this * other`. */
  mul(other: Operand<T>): Expression<T> {
    return this.arithmetic('*', other)
  }

  /** `this / other` (integer division on integers, as the database does it). */
  div(other: Operand<T>): Expression<T> {
    return this.arithmetic('/', other)
  }

  /** `this % other`. */
  mod(other: Operand<T>): Expression<T> {
    return this.arithmetic('%', other)
  }

  /** String concatenation: `this || other …` (`concat(…)` on MySQL). */
  concat(...others: Operand<string>[]): Expression<string> {
    return new Expression<string>(concatNode([this.node, ...others.map((o) => toOperandNode(o, TEXT_TYPE))]), TEXT_TYPE)
  }

  /** Ascending order term for `orderBy`. */
  asc(): OrderingTerm {
    return OrderingTerm.of(this.node, 'asc')
  }

  /** Descending order term for `orderBy`. */
  desc(): OrderingTerm {
    return OrderingTerm.of(this.node, 'desc')
  }

  /** Names the expression in a select list: `select(func.count().label("n"))` gives rows `{ n }`. */
  label<K extends string>(name: K): Labeled<T, K> {
    return new Labeled<T, K>(name, this.node, this.sqlType)
  }

  private membership(values: readonly Operand<T>[] | ColumnQuery<T>, isNegated: boolean): Expression<boolean> {
    if (Array.isArray(values)) return condition(inListNode(this.node, values.map((v) => toOperandNode(v, this.sqlType)), isNegated))
    const query = (values as ColumnQuery<T>).node
    const count = resultColumnsOfQuery(query).length
    if (count !== 1) throw new ArgumentError(`${isNegated ? 'notIn' : 'in'}(select …): the query must select exactly one column, not ${count}.`)
    return condition(inSubqueryNode(this.node, query, isNegated))
  }

  private compare(operator: BinaryOperator, other: Operand<T>): Expression<boolean> {
    return condition(binaryOperationNode(this.node, operator, toOperandNode(other, this.sqlType)))
  }

  private arithmetic(operator: BinaryOperator, other: Operand<T>): Expression<T> {
    return new Expression<T>(binaryOperationNode(this.node, operator, toOperandNode(other, this.sqlType)), this.sqlType)
  }
}

/** An expression with a name, selected as `expression AS name`. */
export class Labeled<T, K extends string = string> extends Expression<T> {
  constructor(
    readonly key: K,
    inner: ExpressionNode,
    sqlType: SqlType<T> | undefined,
  ) {
    super(labelNode(inner, key), sqlType)
  }
}

/** Wraps a boolean-valued node. */
export function condition(node: ExpressionNode): Expression<boolean> {
  return new Expression<boolean>(node, BOOLEAN_TYPE)
}

/** The node for an operand: an expression's own node, or a bound value typed like the other side. */
export function toOperandNode(value: unknown, typeHint: SqlType | undefined): ExpressionNode {
  if (value instanceof Expression) return value.node
  return valueNode(value, typeHint ?? inferSqlType(value))
}
