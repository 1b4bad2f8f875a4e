import { CompileError, UnsupportedFeatureError } from '../errors/compile-error'
import type { BetweenNode } from '../nodes/between-node'
import type { ConcatNode } from '../nodes/concat-node'
import type { AddConstraintNode } from '../nodes/add-constraint-node'
import type { AlterColumnNode } from '../nodes/alter-column-node'
import type { CreateTableNode } from '../nodes/create-table-node'
import type { DropConstraintNode } from '../nodes/drop-constraint-node'
import type { DropIndexNode } from '../nodes/drop-index-node'
import type { DeleteNode } from '../nodes/delete-node'
import type { ExcludedNode } from '../nodes/excluded-node'
import type { ExpressionNode } from '../nodes/expression-node'
import type { FunctionNode } from '../nodes/function-node'
import type { InsertNode } from '../nodes/insert-node'
import type { LikeNode } from '../nodes/like-node'
import type { Node, NodeKind, NodeOf, StatementNode } from '../nodes/node'
import type { OnConflictNode } from '../nodes/on-conflict-node'
import type { OrderByNode } from '../nodes/order-by-node'
import type { ResultColumn } from '../nodes/result-column'
import type { ForUpdateClause, SelectNode } from '../nodes/select-node'
import type { CompoundSelectNode } from '../nodes/compound-select-node'
import type { FromNode } from '../nodes/from-node'
import type { JoinType } from '../nodes/join-node'
import { type QueryNode, resultColumnsOfQuery } from '../nodes/query-node'
import type { FrameBound, WindowFunctionNode } from '../nodes/window-function-node'
import type { TableNode } from '../nodes/table-node'
import type { ValueNode } from '../nodes/value-node'
import type { Assignment, UpdateNode } from '../nodes/update-node'
import type { ColumnSchema, ForeignKeySchema, TableSchema } from '../schema/table-schema'
import type { SqlType } from '../schema/sql-type'
import type { CompiledQuery, ParameterSlot } from './compiled-query'
import { shapeOf } from './shape-key'
import { StatementCache } from './statement-cache'
import { StatementTemplate } from './statement-template'
import type { Dialect } from './dialect'
import { commonTablesUsedBy } from './common-tables'
import { compoundOrderTerm } from './compound-order'
import { fromListOf } from './from-list'

/** Statements worth caching: DML and queries (DDL runs once). */
const CACHEABLE_KINDS: ReadonlySet<NodeKind> = new Set(['SelectNode', 'CompoundSelectNode', 'InsertNode', 'UpdateNode', 'DeleteNode', 'TextNode'])

type Visitors = { readonly [K in NodeKind]: (node: NodeOf<K>) => void }

/** Node kinds that need parentheses when they stand inside another operator. */
const COMPOUND_KINDS: ReadonlySet<NodeKind> = new Set([
  'BinaryOperationNode',
  'LogicalNode',
  'BetweenNode',
  'LikeNode',
  'InListNode',
  'InSubqueryNode',
  'ExistsNode',
  'IsNullNode',
  'NotNode',
])

/**
 * (Why this file is longer than STYLE's ~400 lines: the visitor table and every hook a dialect
 * overrides must live on this one class, since dialects extend it once and no deeper. Work that
 * needs no hook lives beside it: from-list.ts, common-tables.ts, compound-order.ts,
 * insert-batches.ts, shape-key.ts, statement-template.ts.)
 *
 * The generic compiler: a visitor over the nodes producing `{ sql, params }`. Dialects subclass it
 * once and override the protected hooks (`placeholder`, `quoteIdentifier`, `limitOffset`, …).
 * One instance compiles one statement at a time (compilation is synchronous).
 */
export class SqlCompiler {
  private sql = ''
  private params: unknown[] = []
  private slots: ParameterSlot[] = []
  /** DDL cannot carry bound parameters: values are written as literals. */
  private isInliningValues = false
  /** DDL (CHECK, DEFAULT) names columns without their table. */
  private isQualifyingColumns = true
  /** The FROM sources of each enclosing SELECT, innermost last: what a nested query correlates to. */
  private enclosingSources: (readonly FromNode[])[] = []
  /** How many queries enclose the one being written; the outermost writes the WITH clause. */
  private queryDepth = 0

  /** Which ValueNode filled each parameter, and which were written into the SQL: for the cache. */
  private parameterNodes: (ValueNode | undefined)[] = []
  private inlinedNodes: ValueNode[] = []
  private readonly cache = new StatementCache()

  constructor(protected readonly dialect: Dialect) {}

  /** Compiles one statement; a statement whose shape was compiled before is taken from the cache. */
  compile(node: StatementNode): CompiledQuery {
    if (!CACHEABLE_KINDS.has(node.kind)) return this.compileNow(node)
    const shape = shapeOf(node)
    const template = this.cache.get(shape.key)
    const cached = template?.instantiate(shape.values)
    if (cached !== undefined) return cached
    const compiled = this.compileNow(node)
    this.cache.set(shape.key, StatementTemplate.from(compiled, this.parameterNodes, this.inlinedNodes, shape.values, this.dialect))
    return compiled
  }

  private compileNow(node: StatementNode): CompiledQuery {
    this.sql = ''
    this.params = []
    this.parameterNodes = []
    this.inlinedNodes = []
    this.slots = []
    this.enclosingSources = correlationSourcesOf(node)
    this.queryDepth = 0
    this.visit(node)
    const resultColumns = resultColumnsOf(node)
    return {
      sql: this.sql,
      params: this.params,
      parameterSlots: this.slots,
      resultColumns,
      returnsRows: node.kind === 'TextNode' ? undefined : resultColumns !== undefined,
    }
  }

  // ---- hooks dialects override -------------------------------------------------------------

  /** The placeholder for the `index`-th bound value (1-based). */
  protected placeholder(_index: number): string {
    return '?'
  }

  /** Quotes an identifier, doubling embedded quote characters. */
  protected quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`
  }

  /** A string literal (used in DDL only). */
  protected quoteString(value: string): string {
    return `'${value.replace(/'/g, "''")}'`
  }

  protected booleanLiteral(value: boolean): string {
    return value ? 'true' : 'false'
  }

  /** LIMIT / OFFSET, after ORDER BY. */
  protected limitOffset(limit: ExpressionNode | undefined, offset: ExpressionNode | undefined): void {
    if (limit) this.write(' limit ').visit(limit)
    if (offset) this.write(' offset ').visit(offset)
  }

  /** The DDL spelling of a column type. */
  protected typeName(type: SqlType): string {
    switch (type.name) {
      case 'varchar':
        return `varchar(${type.length})`
      case 'numeric':
        return type.precision === undefined ? 'numeric' : `numeric(${type.precision}, ${type.scale ?? 0})`
      case 'double':
        return 'double precision'
      case 'timestamp':
        return type.withTimezone ? 'timestamp with time zone' : 'timestamp'
      case 'jsonb':
        return 'json'
      case 'enum':
        return 'varchar(255)'
      default:
        return type.name
    }
  }

  /** The type name CAST accepts; some databases take fewer names there than in CREATE TABLE. */
  protected castTypeName(type: SqlType): string {
    return this.typeName(type)
  }

  /** One column of CREATE TABLE. `isInlinePrimaryKey` is true for a lone autoincrement key. */
  protected columnDefinition(column: ColumnSchema, isInlinePrimaryKey: boolean): void {
    this.write(this.quoteIdentifier(column.name)).write(' ').write(this.typeName(column.type))
    if (isInlinePrimaryKey) this.write(' primary key')
    else if (!column.isNullable) this.write(' not null')
    if (column.serverDefault) this.columnDefault(column.serverDefault)
    if (column.type.name === 'enum' && column.type.values) {
      this.write(` check (${this.quoteIdentifier(column.name)} in (${column.type.values.map((v) => this.quoteString(v)).join(', ')}))`)
    }
  }

  protected columnDefault(value: ExpressionNode): void {
    if (value.kind === 'ValueNode') this.write(' default ').visit(value)
    else this.write(' default (').visit(value).write(')')
  }

  /** A function call; dialects map names that differ (e.g. `now`). */
  protected functionCall(node: FunctionNode): void {
    this.write(node.name).write('(').list(node.args, ', ').write(')')
  }

  /** Case-insensitive LIKE is emulated with lower() unless the dialect has ILIKE. */
  protected like(node: LikeNode): void {
    const operator = node.isNegated ? ' not like ' : ' like '
    if (!node.isCaseInsensitive) {
      this.operand(node.operand).write(operator).operand(node.pattern)
      return
    }
    this.write('lower(').visit(node.operand).write(')').write(operator).write('lower(').visit(node.pattern).write(')')
  }

  protected concat(node: ConcatNode): void {
    node.operands.forEach((operand, index) => {
      if (index > 0) this.write(' || ')
      this.operand(operand)
    })
  }

  protected orderByTerm(node: OrderByNode): void {
    this.visit(node.expression)
    if (node.direction) this.write(` ${node.direction}`)
    if (node.nulls) this.write(` nulls ${node.nulls}`)
  }

  protected insertWithoutColumns(): void {
    this.write(' default values')
  }

  /** RETURNING; dialects without it for this statement throw. */
  protected returning(columns: readonly ResultColumn[], statement: 'insert' | 'update' | 'delete'): void {
    if (columns.length === 0) return
    const capabilities = this.dialect.capabilities
    const isSupported = statement === 'insert' ? capabilities.insertReturning : statement === 'update' ? capabilities.updateReturning : capabilities.deleteReturning
    if (!isSupported) throw UnsupportedFeatureError.forFeature(this.dialect.name, `RETURNING on ${statement.toUpperCase()}`)
    this.write(' returning ').resultColumnList(columns)
  }

  /** FOR UPDATE [OF …] [NOWAIT | SKIP LOCKED]. */
  protected forUpdate(clause: ForUpdateClause): void {
    this.write(' for update')
    if (clause.of.length > 0) this.write(' of ').write(clause.of.map((source) => this.quoteIdentifier(source.name)).join(', '))
    if (clause.waitPolicy !== 'wait') this.write(` ${clause.waitPolicy}`)
  }

  /** The keywords of a join; dialects without one of them throw. */
  protected joinKeyword(joinType: JoinType): string {
    return `${joinType} join`
  }

  /** DISTINCT ON (…), which only PostgreSQL has. */
  protected distinctOn(_expressions: readonly ExpressionNode[]): void {
    throw UnsupportedFeatureError.forFeature(this.dialect.name, 'DISTINCT ON', 'Pick one row per group with func.rowNumber().over({ partitionBy, orderBy }) in a subquery instead.')
  }

  /**
   * One member of UNION / INTERSECT / EXCEPT. A member with its own ORDER BY, LIMIT or OFFSET, or a
   * compound member, is parenthesised so that those apply to it alone.
   */
  protected compoundMember(query: QueryNode, isAliasingByKey: boolean): void {
    if (this.needsParentheses(query)) this.write('(').query(query, isAliasingByKey).write(')')
    else this.query(query, isAliasingByKey)
  }

  /** True when a compound member must be set apart from its neighbours. */
  protected needsParentheses(query: QueryNode): boolean {
    return query.kind === 'CompoundSelectNode' || query.orderBy.length > 0 || query.limit !== undefined || query.offset !== undefined || query.forUpdate !== undefined
  }

  /** INSERT … VALUES or INSERT … SELECT, then the upsert clause and RETURNING. */
  protected insertStatement(node: InsertNode): void {
    this.write('insert into ').visit(node.table)
    if (node.select) this.write(` (${this.columnNames(node.columns)}) `).visit(node.select)
    else if (node.columns.length === 0) this.insertWithoutColumns()
    else {
      this.write(` (${this.columnNames(node.columns)}) values `)
      node.rows.forEach((row, index) => {
        if (index > 0) this.write(', ')
        this.write('(').list(row, ', ').write(')')
      })
    }
    if (node.onConflict) this.onConflict(node.onConflict, node)
    this.returning(node.returning, 'insert')
  }

  /**
   * The upsert clause, PostgreSQL and SQLite spelling: `ON CONFLICT (target) DO NOTHING` or
   * `DO UPDATE SET … [WHERE …]`, where the existing row is read through the table's name.
   */
  protected onConflict(clause: OnConflictNode, _insert: InsertNode): void {
    this.write(' on conflict')
    if (clause.target.length > 0) this.write(` (${this.columnNames(clause.target)})`)
    if (clause.action === 'nothing') {
      this.write(' do nothing')
      return
    }
    this.write(' do update set ').assignments(clause.assignments, false)
    if (clause.where) this.write(' where ').visit(clause.where)
  }

  /** The value an upsert proposed for a column. */
  protected excluded(node: ExcludedNode): void {
    this.write('excluded.').write(this.quoteIdentifier(node.column.name))
  }

  /** UPDATE, with `FROM other, …` when it reads other tables (PostgreSQL; SQLite since 3.33). */
  protected updateStatement(node: UpdateNode): void {
    this.write('update ').visit(node.table).write(' set ').assignments(node.assignments, false)
    if (node.from.length > 0) this.write(' from ').list(node.from, ', ')
    if (node.where) this.write(' where ').visit(node.where)
    this.returning(node.returning, 'update')
  }

  /**
   * DELETE. When other tables drive it, standard SQL has no USING: the condition moves into a
   * correlated `EXISTS (SELECT 1 FROM other … WHERE …)`, in which the target table's columns still
   * name the row being deleted, so the WHERE needs no rewriting. A row goes exactly when some
   * combination of the other tables' rows satisfies it, as with USING.
   */
  protected deleteStatement(node: DeleteNode): void {
    this.write('delete from ').visit(node.table)
    if (node.using.length > 0) {
      this.write(' where exists (select 1 from ').list(node.using, ', ')
      if (node.where) this.write(' where ').visit(node.where)
      this.write(')')
    } else if (node.where) this.write(' where ').visit(node.where)
    this.returning(node.returning, 'delete')
  }

  /** `col = value, …`; a multi-table UPDATE qualifies the columns with their table. */
  protected assignments(assignments: readonly Assignment[], isQualified: boolean): this {
    assignments.forEach((assignment, index) => {
      if (index > 0) this.write(', ')
      if (isQualified) this.visit(assignment.column)
      else this.write(this.quoteIdentifier(assignment.column.name))
      this.write(' = ').visit(assignment.value)
    })
    return this
  }

  /** Quoted, unqualified column names: `"a", "b"`. */
  protected columnNames(columns: readonly { readonly name: string }[]): string {
    return columns.map((column) => this.quoteIdentifier(column.name)).join(', ')
  }

  // ---- the visitor -------------------------------------------------------------------------

  private readonly visitors: Visitors = {
    TableNode: (node) => this.table(node),
    ColumnNode: (node) => {
      if (this.isQualifyingColumns && node.table) this.write(this.quoteIdentifier(node.table.name)).write('.')
      this.write(this.quoteIdentifier(node.name))
    },
    ValueNode: (node) => {
      this.parameterNodes[this.params.length] = node
      this.value(node.value, node.type)
    },
    ParameterNode: (node) => {
      if (this.isInliningValues) throw new CompileError(`DDL cannot take the named parameter :${node.name}`)
      this.params.push(undefined)
      this.slots.push({ index: this.params.length - 1, name: node.name, type: node.type })
      this.write(this.placeholder(this.params.length))
    },
    BinaryOperationNode: (node) => this.operand(node.left).write(` ${node.operator} `).operand(node.right),
    LogicalNode: (node) => {
      // `and()` of nothing is true and `or()` of nothing false (as `where()` with no conditions).
      if (node.operands.length === 0) {
        this.write(node.operator === 'and' ? '1 = 1' : '1 = 0')
        return
      }
      // Comparisons bind tighter than AND/OR: only a nested AND/OR needs parentheses.
      node.operands.forEach((operand, index) => {
        if (index > 0) this.write(` ${node.operator} `)
        if (operand.kind === 'LogicalNode') this.write('(').visit(operand).write(')')
        else this.visit(operand)
      })
    },
    NotNode: (node) => this.write('not ').operand(node.operand),
    IsNullNode: (node) => this.operand(node.operand).write(node.isNegated ? ' is not null' : ' is null'),
    InListNode: (node) => {
      // An empty IN list is invalid SQL; it means "never" (or "always" for NOT IN).
      if (node.values.length === 0) this.write(node.isNegated ? '1 = 1' : '1 = 0')
      else this.operand(node.operand).write(node.isNegated ? ' not in (' : ' in (').list(node.values, ', ').write(')')
    },
    BetweenNode: (node: BetweenNode) =>
      this.operand(node.operand).write(node.isNegated ? ' not between ' : ' between ').operand(node.low).write(' and ').operand(node.high),
    LikeNode: (node) => this.like(node),
    ConcatNode: (node) => this.concat(node),
    FunctionNode: (node) => this.functionCall(node),
    StarNode: () => this.write('*'),
    LabelNode: (node) => this.visit(node.expression).write(' as ').write(this.quoteIdentifier(node.name)),
    CastNode: (node) => this.write('cast(').visit(node.expression).write(' as ').write(this.castTypeName(node.type)).write(')'),
    CaseNode: (node) => {
      this.write('case')
      for (const when of node.whens) this.write(' when ').visit(when.condition).write(' then ').visit(when.result)
      if (node.otherwise) this.write(' else ').visit(node.otherwise)
      this.write(' end')
    },
    ExcludedNode: (node) => this.excluded(node),
    RawSqlNode: (node) => {
      node.parts.forEach((part, index) => {
        this.write(part)
        if (index < node.values.length) this.visit(node.values[index])
      })
    },
    OrderByNode: (node) => this.orderByTerm(node),
    JoinNode: (node) => {
      this.write(` ${this.joinKeyword(node.joinType)} `).visit(node.source)
      if (node.on) this.write(' on ').visit(node.on)
    },
    AliasNode: (node) => this.table(node.table).write(' as ').write(this.quoteIdentifier(node.name)),
    // A derived table cannot read its neighbours in FROM (without LATERAL): it is never correlated.
    SubqueryNode: (node) => this.write('(').uncorrelated(() => this.query(node.query, true)).write(') as ').write(this.quoteIdentifier(node.name)),
    // Defined in the WITH clause of the outermost statement; named here.
    CommonTableExpressionNode: (node) => this.write(this.quoteIdentifier(node.name)),
    ScalarSubqueryNode: (node) => this.write('(').query(node.query, false).write(')'),
    ExistsNode: (node) => this.write(node.isNegated ? 'not exists (' : 'exists (').query(node.query, false).write(')'),
    InSubqueryNode: (node) => this.operand(node.operand).write(node.isNegated ? ' not in (' : ' in (').query(node.query, false).write(')'),
    WindowFunctionNode: (node) => this.windowFunction(node),
    SelectNode: (node) => this.query(node, false),
    CompoundSelectNode: (node) => this.query(node, false),
    InsertNode: (node) => this.insertStatement(node),
    UpdateNode: (node) => this.updateStatement(node),
    DeleteNode: (node) => this.deleteStatement(node),
    TextNode: (node) => {
      node.parts.forEach((part, index) => {
        this.write(part)
        if (index < node.parameters.length) this.visit(node.parameters[index])
      })
    },
    CreateTableNode: (node) => this.inDdl(() => this.createTable(node)),
    DropTableNode: (node) => this.write(node.ifExists ? 'drop table if exists ' : 'drop table ').visit(node.table),
    CreateIndexNode: (node) => {
      this.write(node.index.isUnique ? 'create unique index ' : 'create index ')
      if (node.ifNotExists) this.write('if not exists ')
      this.write(this.quoteIdentifier(node.index.name)).write(' on ').visit(node.table)
      this.write(` (${node.index.columns.map((c) => this.quoteIdentifier(c)).join(', ')})`)
    },
    AddColumnNode: (node) => this.inDdl(() => {
      this.write('alter table ').visit(node.table).write(' add column ')
      this.columnDefinition(node.column, false)
    }),
    DropColumnNode: (node) => this.write('alter table ').visit(node.table).write(` drop column ${this.quoteIdentifier(node.column)}`),
    AlterColumnNode: (node) => this.inDdl(() => this.alterColumn(node)),
    RenameColumnNode: (node) => this.write('alter table ').visit(node.table).write(` rename column ${this.quoteIdentifier(node.from)} to ${this.quoteIdentifier(node.to)}`),
    RenameTableNode: (node) => this.write('alter table ').visit(node.table).write(` rename to ${this.quoteIdentifier(node.newName)}`),
    DropIndexNode: (node) => this.dropIndex(node),
    AddConstraintNode: (node) => this.inDdl(() => this.addConstraint(node)),
    DropConstraintNode: (node) => this.dropConstraint(node),
  }

  /**
   * Changes a column's type, nullability and default with the SQL-standard ALTER COLUMN clauses
   * (PostgreSQL's spelling); dialects without them override this.
   */
  protected alterColumn(node: AlterColumnNode): void {
    const column = this.quoteIdentifier(node.to.name)
    const clauses: string[] = []
    if (this.typeName(node.from.type) !== this.typeName(node.to.type)) clauses.push(`alter column ${column} type ${this.typeName(node.to.type)}`)
    if (node.from.isNullable !== node.to.isNullable) clauses.push(`alter column ${column} ${node.to.isNullable ? 'drop not null' : 'set not null'}`)
    this.write('alter table ').visit(node.table).write(' ').write(clauses.join(', '))
    if (node.to.serverDefault) this.write(clauses.length > 0 ? ', ' : '').write(`alter column ${column} set`).columnDefault(node.to.serverDefault)
    else if (node.from.serverDefault) this.write(clauses.length > 0 ? ', ' : '').write(`alter column ${column} drop default`)
  }

  /** `ALTER TABLE t ADD [CONSTRAINT name] …`; SQLite, which cannot add constraints, overrides it to refuse. */
  protected addConstraint(node: AddConstraintNode): void {
    const constraint = node.constraint
    this.write('alter table ').visit(node.table).write(' add ')
    const name = constraint.type === 'foreignKey' ? constraint.foreignKey.name : constraint.type === 'unique' ? constraint.unique.name : constraint.check.name
    if (name) this.write(`constraint ${this.quoteIdentifier(name)} `)
    if (constraint.type === 'foreignKey') this.foreignKeyClause(constraint.foreignKey)
    else if (constraint.type === 'unique') this.write(`unique (${this.identifierList(constraint.unique.columns)})`)
    else this.write('check (').visit(constraint.check.condition).write(')')
  }

  /** `ALTER TABLE t DROP CONSTRAINT name`; MySQL spells it per constraint type. */
  protected dropConstraint(node: DropConstraintNode): void {
    this.write('alter table ').visit(node.table).write(` drop constraint ${this.quoteIdentifier(node.name)}`)
  }

  /** `DROP INDEX name`; MySQL names the table too. */
  protected dropIndex(node: DropIndexNode): void {
    this.write(`drop index ${this.quoteIdentifier(node.name)}`)
  }

  /** Appends SQL text. */
  protected write(text: string): this {
    this.sql += text
    return this
  }

  /** Compiles a node in place. */
  protected visit(node: Node): this {
    ;(this.visitors[node.kind] as (node: Node) => void)(node)
    return this
  }

  /** Compiles a node that stands inside an operator, parenthesised when it is itself compound. */
  protected operand(node: ExpressionNode): this {
    return COMPOUND_KINDS.has(node.kind) ? this.write('(').visit(node).write(')') : this.visit(node)
  }

  protected list(nodes: readonly Node[], separator: string): this {
    nodes.forEach((node, index) => {
      if (index > 0) this.write(separator)
      this.visit(node)
    })
    return this
  }

  protected table(node: TableNode): this {
    if (node.schema) this.write(this.quoteIdentifier(node.schema)).write('.')
    return this.write(this.quoteIdentifier(node.name))
  }

  /**
   * Writes a number into the SQL text instead of binding it (for the rare places a database takes
   * no placeholder); the statement cache then treats the value as part of the statement's shape.
   */
  protected inlineNumber(node: ValueNode): string {
    this.inlinedNodes.push(node)
    return String(node.value)
  }

  /** Binds a value (or writes it as a literal in DDL), converted by the type's processor. */
  protected value(value: unknown, type: SqlType | undefined): this {
    const processor = type && value !== null && value !== undefined ? this.dialect.bindProcessor(type) : undefined
    const driverValue = processor ? processor(value) : (value ?? null)
    if (this.isInliningValues) return this.write(this.literal(driverValue))
    this.params.push(driverValue)
    return this.write(this.placeholder(this.params.length))
  }

  private literal(value: unknown): string {
    if (value === null) return 'null'
    if (typeof value === 'number' || typeof value === 'bigint') return String(value)
    if (typeof value === 'boolean') return this.booleanLiteral(value)
    if (typeof value === 'string') return this.quoteString(value)
    throw new CompileError(`Cannot write a ${typeof value} value as a SQL literal in DDL; use a number, string or boolean.`)
  }

  /**
   * The select list. Inside a subquery or CTE every column is named by its row key (`as "key"`),
   * since that is how the enclosing query reads it; elsewhere rows are read by position.
   */
  private resultColumnList(columns: readonly ResultColumn[], isAliasingByKey = false): this {
    columns.forEach((column, index) => {
      if (index > 0) this.write(', ')
      const expression = column.expression
      const isNamedByKey = (expression.kind === 'LabelNode' || expression.kind === 'ColumnNode') && expression.name === column.key
      if (!isAliasingByKey || isNamedByKey) this.visit(expression)
      else this.visit(expression.kind === 'LabelNode' ? expression.expression : expression).write(' as ').write(this.quoteIdentifier(column.key))
    })
    return this
  }

  /** A SELECT or compound anywhere in the statement; the outermost one writes the WITH clause first. */
  protected query(node: QueryNode, isAliasingByKey: boolean): this {
    this.queryDepth += 1
    if (this.queryDepth === 1) this.withClause(node)
    if (node.kind === 'SelectNode') this.selectStatement(node, isAliasingByKey)
    else this.compoundSelect(node, isAliasingByKey)
    this.queryDepth -= 1
    return this
  }

  /** Compiles with no enclosing query to correlate to (derived tables, CTE bodies). */
  private uncorrelated(compile: () => void): this {
    const enclosing = this.enclosingSources
    this.enclosingSources = []
    compile()
    this.enclosingSources = enclosing
    return this
  }

  /** `WITH [RECURSIVE] "a" as (…), "b"("x", "y") as (…) `; a recursive CTE lists its columns. */
  private withClause(query: QueryNode): void {
    const tables = commonTablesUsedBy(query)
    if (tables.length === 0) return
    this.write(tables.some((table) => table.isRecursive) ? 'with recursive ' : 'with ')
    tables.forEach((table, index) => {
      if (index > 0) this.write(', ')
      this.write(this.quoteIdentifier(table.name))
      if (table.isRecursive) this.write(`(${this.identifierList(resultColumnsOfQuery(table.query).map((column) => column.key))})`)
      this.write(' as (').uncorrelated(() => this.query(table.query, true)).write(')')
    })
    this.write(' ')
  }

  private compoundSelect(node: CompoundSelectNode, isAliasingByKey: boolean): void {
    this.compoundMember(node.first, isAliasingByKey)
    for (const member of node.members) {
      this.write(` ${member.operator} `)
      this.compoundMember(member.query, isAliasingByKey)
    }
    const columns = resultColumnsOfQuery(node)
    if (node.orderBy.length > 0) this.write(' order by ').list(node.orderBy.map((term) => compoundOrderTerm(term, columns, isAliasingByKey)), ', ')
    this.limitOffset(node.limit, node.offset)
  }

  /** `f(…) over (partition by … order by … rows between … and …)`. */
  private windowFunction(node: WindowFunctionNode): void {
    this.visit(node.function).write(' over (')
    let separator = ''
    if (node.partitionBy.length > 0) {
      this.write('partition by ').list(node.partitionBy, ', ')
      separator = ' '
    }
    if (node.orderBy.length > 0) {
      this.write(`${separator}order by `).list(node.orderBy, ', ')
      separator = ' '
    }
    if (node.frame) {
      this.write(`${separator}${node.frame.unit} between `).frameBound(node.frame.start).write(' and ').frameBound(node.frame.end)
    }
    this.write(')')
  }

  /** One end of a window frame: `unbounded preceding`, `current row`, `? preceding`, …. */
  protected frameBound(bound: FrameBound): this {
    return bound.offset ? this.visit(bound.offset).write(` ${bound.position}`) : this.write(bound.position)
  }

  private selectStatement(node: SelectNode, isAliasingByKey: boolean): void {
    const from = fromListOf(node, this.enclosingSources)
    // Subqueries anywhere in this SELECT correlate to its sources, joined ones included.
    this.enclosingSources.push([...from, ...node.joins.map((join) => join.source)])
    this.write('select ')
    if (node.distinctOn.length > 0) this.distinctOn(node.distinctOn)
    else if (node.isDistinct) this.write('distinct ')
    this.resultColumnList(node.columns, isAliasingByKey)
    if (from.length > 0) this.write(' from ').list(from, ', ')
    for (const join of node.joins) this.visit(join)
    if (node.where) this.write(' where ').visit(node.where)
    if (node.groupBy.length > 0) this.write(' group by ').list(node.groupBy, ', ')
    if (node.having) this.write(' having ').visit(node.having)
    if (node.orderBy.length > 0) this.write(' order by ').list(node.orderBy, ', ')
    this.limitOffset(node.limit, node.offset)
    if (node.forUpdate) this.forUpdate(node.forUpdate)
    this.enclosingSources.pop()
  }

  private inDdl(compile: () => void): void {
    this.isInliningValues = true
    this.isQualifyingColumns = false
    try {
      compile()
    } finally {
      this.isInliningValues = false
      this.isQualifyingColumns = true
    }
  }

  private createTable(node: CreateTableNode): void {
    const table: TableSchema = node.table
    this.write(node.ifNotExists ? 'create table if not exists ' : 'create table ').visit(table.table).write(' (')
    const inlineKey = table.primaryKey.length === 1 ? table.columns.find((c) => c.name === table.primaryKey[0] && c.isAutoincrement) : undefined
    table.columns.forEach((column, index) => {
      this.write(index > 0 ? ', ' : '')
      this.columnDefinition(column, column === inlineKey)
    })
    if (!inlineKey && table.primaryKey.length > 0) this.write(`, primary key (${this.identifierList(table.primaryKey)})`)
    for (const unique of table.uniques) this.constraintName(unique.name).write(`unique (${this.identifierList(unique.columns)})`)
    for (const foreignKey of table.foreignKeys) this.constraintName(foreignKey.name).foreignKeyClause(foreignKey)
    for (const check of table.checks) this.constraintName(check.name).write('check (').visit(check.condition).write(')')
    this.write(')')
  }

  private foreignKeyClause(foreignKey: ForeignKeySchema): this {
    this.write(`foreign key (${this.identifierList(foreignKey.columns)}) references `)
    this.visit(foreignKey.referencedTable).write(` (${this.identifierList(foreignKey.referencedColumns)})`)
    if (foreignKey.onDelete) this.write(` on delete ${foreignKey.onDelete}`)
    if (foreignKey.onUpdate) this.write(` on update ${foreignKey.onUpdate}`)
    return this
  }

  private constraintName(name: string | undefined): this {
    return this.write(name ? `, constraint ${this.quoteIdentifier(name)} ` : ', ')
  }

  private identifierList(names: readonly string[]): string {
    return names.map((name) => this.quoteIdentifier(name)).join(', ')
  }
}

/**
 * What subqueries in an UPDATE or DELETE correlate to: the target table and the tables it reads,
 * so `where(exists(select(…).where(posts.c.userId.eq(users.c.id))))` reads the row being changed.
 */
function correlationSourcesOf(node: StatementNode): (readonly FromNode[])[] {
  if (node.kind === 'UpdateNode') return [[node.table, ...node.from]]
  if (node.kind === 'DeleteNode') return [[node.table, ...node.using]]
  return []
}

function resultColumnsOf(node: StatementNode): readonly ResultColumn[] | undefined {
  switch (node.kind) {
    case 'SelectNode':
      return node.columns
    case 'CompoundSelectNode':
      return resultColumnsOfQuery(node)
    case 'InsertNode':
    case 'UpdateNode':
    case 'DeleteNode':
      return node.returning.length > 0 ? node.returning : undefined
    default:
      return undefined
  }
}
