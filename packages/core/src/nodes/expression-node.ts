import type { BetweenNode } from './between-node'
import type { BinaryOperationNode } from './binary-operation-node'
import type { CaseNode } from './case-node'
import type { CastNode } from './cast-node'
import type { ColumnNode } from './column-node'
import type { ConcatNode } from './concat-node'
import type { ExistsNode } from './exists-node'
import type { ExcludedNode } from './excluded-node'
import type { FunctionNode } from './function-node'
import type { InListNode } from './in-list-node'
import type { InSubqueryNode } from './in-subquery-node'
import type { IsNullNode } from './is-null-node'
import type { LabelNode } from './label-node'
import type { LikeNode } from './like-node'
import type { LogicalNode } from './logical-node'
import type { NotNode } from './not-node'
import type { ParameterNode } from './parameter-node'
import type { RawSqlNode } from './raw-sql-node'
import type { ScalarSubqueryNode } from './scalar-subquery-node'
import type { StarNode } from './star-node'
import type { ValueNode } from './value-node'
import type { WindowFunctionNode } from './window-function-node'

/** Every node that can stand where SQL expects a value. */
export type ExpressionNode =
  | ColumnNode
  | ValueNode
  | ParameterNode
  | BinaryOperationNode
  | LogicalNode
  | NotNode
  | IsNullNode
  | InListNode
  | BetweenNode
  | LikeNode
  | ConcatNode
  | FunctionNode
  | StarNode
  | LabelNode
  | CastNode
  | CaseNode
  | RawSqlNode
  | ScalarSubqueryNode
  | ExistsNode
  | InSubqueryNode
  | WindowFunctionNode
  | ExcludedNode
