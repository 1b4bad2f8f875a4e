import type { AddColumnNode } from './add-column-node'
import type { AddConstraintNode } from './add-constraint-node'
import type { AliasNode } from './alias-node'
import type { AlterColumnNode } from './alter-column-node'
import type { CommonTableExpressionNode } from './common-table-expression-node'
import type { CompoundSelectNode } from './compound-select-node'
import type { CreateIndexNode } from './create-index-node'
import type { CreateTableNode } from './create-table-node'
import type { DeleteNode } from './delete-node'
import type { DropColumnNode } from './drop-column-node'
import type { DropConstraintNode } from './drop-constraint-node'
import type { DropIndexNode } from './drop-index-node'
import type { DropTableNode } from './drop-table-node'
import type { ExpressionNode } from './expression-node'
import type { InsertNode } from './insert-node'
import type { JoinNode } from './join-node'
import type { OrderByNode } from './order-by-node'
import type { RenameColumnNode } from './rename-column-node'
import type { RenameTableNode } from './rename-table-node'
import type { SelectNode } from './select-node'
import type { SubqueryNode } from './subquery-node'
import type { TableNode } from './table-node'
import type { TextNode } from './text-node'
import type { UpdateNode } from './update-node'

/** A statement the engine can execute. */
export type StatementNode = SelectNode | CompoundSelectNode | InsertNode | UpdateNode | DeleteNode | TextNode | CreateTableNode | DropTableNode | CreateIndexNode
  | AlterTableStatementNode

/** ALTER TABLE and DROP INDEX statements, as migrations use them. */
export type AlterTableStatementNode = AddColumnNode | DropColumnNode | AlterColumnNode | RenameColumnNode | RenameTableNode | DropIndexNode
  | AddConstraintNode | DropConstraintNode

/** Every node kind; a compiler must handle each one. */
export type Node = ExpressionNode | StatementNode | TableNode | AliasNode | SubqueryNode | CommonTableExpressionNode | JoinNode | OrderByNode

export type NodeKind = Node['kind']
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>
