// Schema
export { MetaData } from './schema/metadata'
export {
  Table,
  type AnyTable,
  type ColumnMap,
  type ColumnsOf,
  type InferInsert,
  type InferRow,
  type Simplify,
  type TableInsertRow,
  type TableRow,
  type TableUpdateValues,
} from './schema/table'
export { Column, type AnyColumn } from './schema/column'
export { ColumnBuilder, type ColumnConfig, type ForeignKeyOptions, type ReferentialAction } from './schema/column-builder'
export {
  bigint,
  blob,
  boolean,
  bytes,
  date,
  double,
  enumType,
  integer,
  json,
  jsonb,
  numeric,
  real,
  smallint,
  textColumn,
  time,
  timestamp,
  uuid,
  varchar,
  type ColumnOptions,
} from './schema/column-types'
export { check, foreignKey, index, primaryKey, unique, type TableConstraint } from './schema/table-constraints'
export type { TableSchema, ColumnSchema, ForeignKeySchema, IndexSchema, UniqueSchema, CheckSchema } from './schema/table-schema'
export type { Inspector, CatalogQuery } from './schema/inspector'
export { tableNode } from './nodes/table-node'
export { rawSqlNode } from './nodes/raw-sql-node'
export { type SqlType, type SqlTypeName, sqlType, inferSqlType } from './schema/sql-type'
export { toSnakeCase } from './schema/naming'

// Expressions
export { Expression, Labeled, type Condition, type Operand, type ColumnQuery } from './expressions/expression'
export { OrderingTerm } from './expressions/ordering-term'
export { and, or, not } from './expressions/logical'
export { func, type FunctionFactory, type KnownFunctions } from './expressions/functions'
export { FunctionExpression } from './expressions/function-expression'
export type { WindowSpecification, FrameSpecification, FrameBoundValue } from './expressions/window-specification'
export { exists, notExists } from './expressions/subquery-expressions'
export { sql } from './expressions/sql-template'
export { literal, cast, caseWhen, CaseExpression } from './expressions/literal'
export { bindParam } from './expressions/bind-param'
export { excluded } from './expressions/excluded'

// Statements
export { select, Select } from './statements/select'
export { CompoundSelect } from './statements/compound-select'
export type { SelectBase, ScalarRow } from './statements/select-base'
export type { ForUpdateOptions } from './statements/for-update-options'
export { alias, Alias, type AnyAlias } from './sources/alias'
export { Subquery, type AnySubquery } from './sources/subquery'
export { CommonTableExpression, type CommonTableExpressionOptions, type AnyCommonTableExpression } from './sources/common-table-expression'
export { DerivedColumn, type DerivedColumns, type AnyDerivedColumn } from './sources/derived-column'
export type { FromSource } from './sources/from-source'
export { insert, Insert, type ConflictTarget, type OnConflictDoUpdateOptions } from './statements/insert'
export { update, Update } from './statements/update'
export { deleteFrom, deleteFrom as delete, Delete } from './statements/delete'
export { text, Text } from './statements/text'
export type { Executable } from './statements/executable'
export type { SelectItem, SelectRecord, RowOfItems, RowOfRecord } from './statements/select-items'
export { ENTITY_SELECTION, type EntitySelection } from './statements/entity-item'
export { ENTITY_TABLE, isEntityItem, entityOfResultColumn, type EntityItem, type EntityRow, type EntityResultColumn, type EntityGroup, type EntityTupleRow } from './statements/entity-item'

// Compiler
export { SqlCompiler } from './compiler/sql-compiler'
export type { CompiledQuery, ParameterSlot } from './compiler/compiled-query'
export type { Dialect, DialectCapabilities, ResultContext, SchemaChangeSql, TransactionSql, TypeProcessor } from './compiler/dialect'
export { compileRowBuilder, type RowBuilder } from './compiler/row-builder'

// Nodes (for dialect authors)
export type * from './nodes/node'
export type { ExpressionNode } from './nodes/expression-node'
export type { ResultColumn } from './nodes/result-column'
export type { ColumnNode } from './nodes/column-node'
export type { FunctionNode } from './nodes/function-node'
export type { LikeNode } from './nodes/like-node'
export type { ConcatNode } from './nodes/concat-node'
export type { OrderByNode } from './nodes/order-by-node'
export type { TableNode } from './nodes/table-node'
export type { FromNode } from './nodes/from-node'
export type { AliasNode } from './nodes/alias-node'
export type { SubqueryNode } from './nodes/subquery-node'
export type { CommonTableExpressionNode } from './nodes/common-table-expression-node'
export type { QueryNode } from './nodes/query-node'
export type { CompoundSelectNode, CompoundMember, SetOperator } from './nodes/compound-select-node'
export type { SelectNode, ForUpdateClause } from './nodes/select-node'
export type { JoinNode, JoinType } from './nodes/join-node'
export type { ScalarSubqueryNode } from './nodes/scalar-subquery-node'
export type { ExistsNode } from './nodes/exists-node'
export type { InSubqueryNode } from './nodes/in-subquery-node'
export type { WindowFunctionNode, WindowFrame, FrameBound } from './nodes/window-function-node'
export type { InsertNode } from './nodes/insert-node'
export type { UpdateNode, Assignment } from './nodes/update-node'
export type { DeleteNode } from './nodes/delete-node'
export type { OnConflictNode } from './nodes/on-conflict-node'
export type { ExcludedNode } from './nodes/excluded-node'
export type { RawSqlNode } from './nodes/raw-sql-node'
export { addColumnNode, type AddColumnNode } from './nodes/add-column-node'
export { dropColumnNode, type DropColumnNode } from './nodes/drop-column-node'
export { alterColumnNode, type AlterColumnNode } from './nodes/alter-column-node'
export { renameColumnNode, type RenameColumnNode } from './nodes/rename-column-node'
export { renameTableNode, type RenameTableNode } from './nodes/rename-table-node'
export { dropIndexNode, type DropIndexNode } from './nodes/drop-index-node'
export { addConstraintNode, type AddConstraintNode, type AddedConstraint } from './nodes/add-constraint-node'
export { dropConstraintNode, type DropConstraintNode, type ConstraintType } from './nodes/drop-constraint-node'
export { createTableNode, type CreateTableNode } from './nodes/create-table-node'
export { dropTableNode, type DropTableNode } from './nodes/drop-table-node'
export { createIndexNode, type CreateIndexNode } from './nodes/create-index-node'

// Engine
export { Engine, type ConnectOptions } from './engine/engine'
export { Connection } from './engine/connection'
export type { ParameterSet } from './engine/statement-batch'
export { Result } from './engine/result'
export { RowStream, type StreamOptions } from './engine/row-stream'
export {
  EngineEvents,
  type EngineEventMap,
  type EngineEventName,
  type EngineListener,
  type ExecuteEvent,
  type AfterExecuteEvent,
  type InvalidateEvent,
  type InvalidateReason,
} from './engine/engine-events'
export { engineOptionsSchema, parseEngineOptions, type EngineOptions, type EngineSettings } from './engine/engine-options'
export { ISOLATION_LEVELS, type IsolationLevel } from './engine/isolation-level'
export type { Driver, DriverConnection, DriverExecuteOptions, DriverResult, DriverStreamOptions } from './engine/driver'
export type { ConnectionPool, PoolStatus } from './engine/connection-pool'

// Errors
export * from './errors/index'

// Validation
export { createInsertSchema, createSelectSchema, createUpdateSchema, type SchemaRefinements } from './validation/table-schemas'
