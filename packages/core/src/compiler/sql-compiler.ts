import { CompileError, UnsupportedFeatureError } from '../errors/compile-error'
import type { BetweenNode } from '../nodes/between-node'
import type { ConcatNode } from '../nodes/concat-node'
import type { CreateTableNode } from '../nodes/create-table-node'
import type { ExpressionNode } from '../nodes/expression-node'
import type { FunctionNode } from '../nodes/function-node'
import type { LikeNode } from '../nodes/like-node'
import type { Node, NodeKind, NodeOf, StatementNode } from '../nodes/node'
import type { OrderByNode } from '../nodes/order-by-node'
import type { ResultColumn } from '../nodes/result-column'
import type { SelectNode } from '../nodes/select-node'
import type { TableNode } from '../nodes/table-node'
import type { ColumnSchema, TableSchema } from '../schema/table-schema'
import type { SqlType } from '../schema/sql-type'
import type { CompiledQuery, ParameterSlot } from './compiled-query'
import type { Dialect } from './dialect'
import { tablesReferencedBy } from './referenced-tables'

type Visitors = { readonly [K in NodeKind]: (node: NodeOf<K>) => void }

/** Node kinds that need parentheses when they stand inside another operator. */
const COMPOUND_KINDS: ReadonlySet<NodeKind> = new Set(['BinaryOperationNode', 'LogicalNode', 'BetweenNode', 'LikeNode', 'InListNode', 'IsNullNode', 'NotNode'])

/**
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

  constructor(protected readonly dialect: Dialect) {}

  /** Compiles one statement. */
  compile(node: StatementNode): CompiledQuery {
    this.sql = ''
    this.params = []
    this.slots = []
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

  protected forUpdate(): void {
    this.write(' for update')
  }

  // ---- the visitor -------------------------------------------------------------------------

  private readonly visitors: Visitors = {
    TableNode: (node) => this.table(node),
    ColumnNode: (node) => {
      if (this.isQualifyingColumns && node.table) this.write(this.quoteIdentifier(node.table.name)).write('.')
      this.write(this.quoteIdentifier(node.name))
    },
    ValueNode: (node) => this.value(node.value, node.type),
    ParameterNode: (node) => {
      if (this.isInliningValues) throw new CompileError(`DDL cannot take the named parameter :${node.name}`)
      this.params.push(undefined)
      this.slots.push({ index: this.params.length - 1, name: node.name, type: node.type })
      this.write(this.placeholder(this.params.length))
    },
    BinaryOperationNode: (node) => this.operand(node.left).write(` ${node.operator} `).operand(node.right),
    LogicalNode: (node) => {
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
    RawSqlNode: (node) => {
      node.parts.forEach((part, index) => {
        this.write(part)
        if (index < node.values.length) this.visit(node.values[index])
      })
    },
    OrderByNode: (node) => this.orderByTerm(node),
    JoinNode: (node) => {
      this.write(node.joinType === 'left' ? ' left join ' : ' inner join ').visit(node.source).write(' on ').visit(node.on)
    },
    SelectNode: (node) => this.selectStatement(node),
    InsertNode: (node) => {
      this.write('insert into ').visit(node.table)
      if (node.columns.length === 0) this.insertWithoutColumns()
      else {
        this.write(' (').write(node.columns.map((c) => this.quoteIdentifier(c.name)).join(', ')).write(') values ')
        node.rows.forEach((row, index) => {
          if (index > 0) this.write(', ')
          this.write('(').list(row, ', ').write(')')
        })
      }
      this.returning(node.returning, 'insert')
    },
    UpdateNode: (node) => {
      this.write('update ').visit(node.table).write(' set ')
      node.assignments.forEach((assignment, index) => {
        if (index > 0) this.write(', ')
        this.write(this.quoteIdentifier(assignment.column.name)).write(' = ').visit(assignment.value)
      })
      if (node.where) this.write(' where ').visit(node.where)
      this.returning(node.returning, 'update')
    },
    DeleteNode: (node) => {
      this.write('delete from ').visit(node.table)
      if (node.where) this.write(' where ').visit(node.where)
      this.returning(node.returning, 'delete')
    },
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

  private resultColumnList(columns: readonly ResultColumn[]): this {
    columns.forEach((column, index) => {
      if (index > 0) this.write(', ')
      this.visit(column.expression)
    })
    return this
  }

  private selectStatement(node: SelectNode): void {
    this.write(node.isDistinct ? 'select distinct ' : 'select ').resultColumnList(node.columns)
    const joined = new Set(node.joins.map((join) => join.source.name))
    const from = (node.from.length > 0 ? node.from : tablesReferencedBy(node.columns.map((c) => c.expression))).filter((t) => !joined.has(t.name))
    if (from.length > 0) this.write(' from ').list(from, ', ')
    for (const join of node.joins) this.visit(join)
    if (node.where) this.write(' where ').visit(node.where)
    if (node.groupBy.length > 0) this.write(' group by ').list(node.groupBy, ', ')
    if (node.having) this.write(' having ').visit(node.having)
    if (node.orderBy.length > 0) this.write(' order by ').list(node.orderBy, ', ')
    this.limitOffset(node.limit, node.offset)
    if (node.isForUpdate) this.forUpdate()
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
    for (const foreignKey of table.foreignKeys) {
      this.constraintName(foreignKey.name).write(`foreign key (${this.identifierList(foreignKey.columns)}) references `)
      this.visit(foreignKey.referencedTable).write(` (${this.identifierList(foreignKey.referencedColumns)})`)
      if (foreignKey.onDelete) this.write(` on delete ${foreignKey.onDelete}`)
      if (foreignKey.onUpdate) this.write(` on update ${foreignKey.onUpdate}`)
    }
    for (const check of table.checks) this.constraintName(check.name).write('check (').visit(check.condition).write(')')
    this.write(')')
  }

  private constraintName(name: string | undefined): this {
    return this.write(name ? `, constraint ${this.quoteIdentifier(name)} ` : ', ')
  }

  private identifierList(names: readonly string[]): string {
    return names.map((name) => this.quoteIdentifier(name)).join(', ')
  }
}

function resultColumnsOf(node: StatementNode): readonly ResultColumn[] | undefined {
  switch (node.kind) {
    case 'SelectNode':
      return node.columns
    case 'InsertNode':
    case 'UpdateNode':
    case 'DeleteNode':
      return node.returning.length > 0 ? node.returning : undefined
    default:
      return undefined
  }
}
