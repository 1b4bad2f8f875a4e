import type { ColumnBuilder } from '../schema/column-builder'
import { caseNode, type WhenClause, withOtherwise } from '../nodes/case-node'
import { castNode } from '../nodes/cast-node'
import type { CaseNode } from '../nodes/case-node'
import { valueNode } from '../nodes/value-node'
import { inferSqlType, type SqlType } from '../schema/sql-type'
import { type Condition, Expression, type Operand, toOperandNode } from './expression'

/** A JS value as an expression; it is still sent as a bound parameter. */
export function literal<T extends string | number | boolean | bigint | Date>(value: T): Expression<Widen<T>> {
  const type = inferSqlType(value) as SqlType<Widen<T>> | undefined
  return new Expression<Widen<T>>(valueNode(value, type), type)
}

/** `literal("a")` is an `Expression<string>`, not `Expression<"a">`. */
type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T

/** `CAST(expression AS type)`; column type factories double as targets: `cast(x, varchar(10))`. */
export function cast<T>(expression: Operand<unknown>, target: ColumnBuilder<T, boolean, boolean>): Expression<T> {
  return new Expression<T>(castNode(toOperandNode(expression, undefined), target.config.type), target.config.type as SqlType<T>)
}

/** A CASE expression: `caseWhen([cond, value], …).else(value)`. */
export class CaseExpression<T> extends Expression<T | null> {
  constructor(private readonly caseNodeValue: CaseNode, sqlType: SqlType<T> | undefined) {
    super(caseNodeValue, sqlType as SqlType<T | null> | undefined)
  }

  /** The value when no condition holds (NULL when not given). */
  else(value: Operand<T>): Expression<T> {
    return new Expression<T>(withOtherwise(this.caseNodeValue, toOperandNode(value, this.sqlType)), this.sqlType as SqlType<T> | undefined)
  }
}

/** `CASE WHEN … THEN … END`; the result type is the union of the branch values. */
export function caseWhen<T>(...branches: [Condition, Operand<T>][]): CaseExpression<T> {
  const resultType = branches.map(([, value]) => (value instanceof Expression ? value.sqlType : inferSqlType(value))).find((t) => t !== undefined)
  const whens: WhenClause[] = branches.map(([cond, value]) => ({ condition: cond.node, result: toOperandNode(value, resultType) }))
  return new CaseExpression<T>(caseNode(whens), resultType as SqlType<T> | undefined)
}
