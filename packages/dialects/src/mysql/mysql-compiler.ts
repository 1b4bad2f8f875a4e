import { type ColumnSchema, type ConcatNode, type ExpressionNode, type FunctionNode, type Node, type OrderByNode, type SqlType, SqlCompiler } from '@athanor/core'
import type { MysqlDialect } from './mysql-dialect'

// The largest LIMIT MySQL accepts (2^64 - 1), the documented way to say "no limit" before an OFFSET.
// https://dev.mysql.com/doc/refman/8.0/en/select.html
const NO_LIMIT = '18446744073709551615'

// TEXT, BLOB and JSON columns take a default only as an expression in parentheses (MySQL 8.0.13+).
// https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html
const PARENTHESISED_DEFAULT_TYPES: ReadonlySet<SqlType['name']> = new Set(['text', 'json', 'jsonb', 'blob'])

const isNow = (node: ExpressionNode): boolean => node.kind === 'FunctionNode' && node.name === 'now' && node.args.length === 0

/** MySQL and MariaDB spelling: backtick identifiers, `concat()`, AUTO_INCREMENT keys, native enums. */
export class MysqlCompiler extends SqlCompiler {
  constructor(private readonly mysqlDialect: MysqlDialect) {
    super(mysqlDialect)
  }

  protected override quoteIdentifier(name: string): string {
    return `\`${name.replace(/`/g, '``')}\``
  }

  // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set;
  // doubling it is read correctly in both modes.
  protected override quoteString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
  }

  // MySQL only accepts OFFSET after a LIMIT.
  protected override limitOffset(limit: ExpressionNode | undefined, offset: ExpressionNode | undefined): void {
    if (limit) this.write(' limit ').visit(limit)
    else if (offset) this.write(` limit ${NO_LIMIT}`)
    if (offset) this.write(' offset ').visit(offset)
  }

  // `||` is logical OR in MySQL's default SQL mode.
  protected override concat(node: ConcatNode): void {
    this.write('concat(').list(node.operands, ', ').write(')')
  }

  // There is no NULLS FIRST/LAST. NULL sorts before other values ascending and after them
  // descending, so only the other two combinations need the extra `x is null` term (which keeps an
  // index from serving the ORDER BY, hence not added when it changes nothing).
  // https://dev.mysql.com/doc/refman/8.0/en/working-with-null.html
  protected override orderByTerm(node: OrderByNode): void {
    const isDescending = node.direction === 'desc'
    const isDefaultPlacement = node.nulls === undefined || (node.nulls === 'first') !== isDescending
    if (!isDefaultPlacement) this.operand(node.expression).write(node.nulls === 'first' ? ' is null desc, ' : ' is null asc, ')
    this.visit(node.expression)
    if (node.direction) this.write(` ${node.direction}`)
  }

  protected override insertWithoutColumns(): void {
    this.write(' () values ()')
  }

  protected override typeName(type: SqlType): string {
    switch (type.name) {
      case 'real':
        return 'float'
      case 'double':
        return 'double'
      // An unconstrained DECIMAL would be decimal(10, 0) and round away every fraction.
      case 'numeric':
        return type.precision === undefined ? 'decimal(65, 30)' : `decimal(${type.precision}, ${type.scale ?? 0})`
      // Milliseconds, as the other dialects keep. TIMESTAMP would stop at 2038 and update itself on
      // UPDATE in some server configurations; DATETIME holds the UTC text as written.
      case 'timestamp':
        return 'datetime(3)'
      case 'time':
        return 'time(3)'
      case 'json':
      case 'jsonb':
        return 'json'
      case 'uuid':
        return 'char(36)'
      case 'blob':
        return 'longblob'
      case 'enum':
        return `enum(${(type.values ?? []).map((value) => this.quoteString(value)).join(', ')})`
      default:
        return super.typeName(type)
    }
  }

  // The enum is native, so no CHECK; the lone integer key is AUTO_INCREMENT.
  protected override columnDefinition(column: ColumnSchema, isInlinePrimaryKey: boolean): void {
    this.write(this.quoteIdentifier(column.name)).write(' ').write(this.typeName(column.type))
    if (!column.isNullable || isInlinePrimaryKey) this.write(' not null')
    if (column.isAutoincrement) this.write(' auto_increment')
    if (isInlinePrimaryKey) this.write(' primary key')
    const serverDefault = column.serverDefault
    if (serverDefault === undefined) return
    if (serverDefault.kind === 'ValueNode' && PARENTHESISED_DEFAULT_TYPES.has(column.type.name)) this.write(' default (').visit(serverDefault).write(')')
    else this.columnDefault(serverDefault)
  }

  // CURRENT_TIMESTAMP is the one function a DATETIME default may name without parentheses (on
  // every MySQL and MariaDB version); MySQL wants its precision to match the column's, datetime(3).
  // https://dev.mysql.com/doc/refman/8.0/en/timestamp-initialization.html
  protected override columnDefault(value: ExpressionNode): void {
    if (isNow(value)) this.write(' default ').visit(value)
    else super.columnDefault(value)
  }

  protected override functionCall(node: FunctionNode): void {
    if (isNow(node)) this.write('current_timestamp(3)')
    else super.functionCall(node)
  }

  protected override visit(node: Node): this {
    // MySQL (unlike MariaDB) has no CREATE INDEX IF NOT EXISTS: without it the first createAll
    // works, and a second one fails with 1061 (duplicate key name) instead of every one failing.
    // https://dev.mysql.com/doc/refman/8.0/en/create-index.html
    if (node.kind === 'CreateIndexNode' && node.ifNotExists && this.mysqlDialect.flavour === 'mysql') return super.visit({ ...node, ifNotExists: false })
    return super.visit(node)
  }

  // CAST accepts fewer type names than CREATE TABLE (no INTEGER on MySQL, no VARCHAR, no ENUM).
  protected override castTypeName(type: SqlType): string {
    switch (type.name) {
      case 'integer':
      case 'smallint':
      case 'bigint':
      case 'boolean':
        return 'signed'
      case 'varchar':
        return `char(${type.length})`
      case 'text':
      case 'uuid':
      case 'enum':
      // MariaDB has no CAST AS JSON (its JSON is LONGTEXT); text is accepted wherever JSON is.
      case 'json':
      case 'jsonb':
        return 'char'
      case 'blob':
        return 'binary'
      default:
        return this.typeName(type)
    }
  }
}
