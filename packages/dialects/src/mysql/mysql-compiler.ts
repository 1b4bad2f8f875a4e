import {
  type AlterColumnNode,
  type DropConstraintNode,
  type DropIndexNode,
  type ColumnSchema,
  type ConcatNode,
  type DeleteNode,
  type ExcludedNode,
  type ExpressionNode,
  type ForUpdateClause,
  type FrameBound,
  type FunctionNode,
  type InsertNode,
  type JoinType,
  type Node,
  type OnConflictNode,
  type OrderByNode,
  type SqlType,
  type UpdateNode,
  SqlCompiler,
  UnsupportedFeatureError,
} from '@athanor/core'
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

  // There is no ON CONFLICT: ON DUPLICATE KEY UPDATE fires on a collision with ANY unique key
  // (primary or unique index), so the conflict target cannot be written and is ignored.
  // Assignments run left to right and each sees the columns already assigned before it.
  // https://dev.mysql.com/doc/refman/8.0/en/insert-on-duplicate.html
  protected override onConflict(clause: OnConflictNode, insert: InsertNode): void {
    this.write(' on duplicate key update ')
    if (clause.action === 'update') {
      if (clause.where) {
        throw UnsupportedFeatureError.forFeature(
          this.dialect.name,
          'a WHERE on the conflict update (ON DUPLICATE KEY UPDATE has none)',
          'Put the condition into each value instead: caseWhen([condition, newValue]).else(table.c.column).',
        )
      }
      this.assignments(clause.assignments, false)
      return
    }
    // DO NOTHING is a no-op update, `col = col`, rather than INSERT IGNORE: IGNORE also turns
    // other errors (bad values, foreign keys, NOT NULL) into warnings and inserts anyway.
    // With the FOUND_ROWS flag the driver sets, each skipped row still counts 1 in rowCount.
    const column = clause.target[0] ?? insert.columns[0]
    if (column === undefined) throw UnsupportedFeatureError.forFeature(this.dialect.name, 'onConflictDoNothing() on an INSERT without columns', 'Give the conflict target.')
    this.write(this.quoteIdentifier(column.name)).write(' = ').visit(column)
  }

  // VALUES(col) reads the proposed row. MySQL 8.0.20+ deprecates it (with a warning) for a row
  // alias, `INSERT … AS new … UPDATE c = new.c`, which MariaDB does not have; VALUES() runs on both.
  // https://mariadb.com/kb/en/values-value/
  protected override excluded(node: ExcludedNode): void {
    this.write('values(').write(this.quoteIdentifier(node.column.name)).write(')')
  }

  // A multi-table UPDATE names every table before SET, and each SET column its table.
  // https://dev.mysql.com/doc/refman/8.0/en/update.html
  protected override updateStatement(node: UpdateNode): void {
    if (node.from.length === 0) {
      super.updateStatement(node)
      return
    }
    this.write('update ').list([node.table, ...node.from], ', ').write(' set ').assignments(node.assignments, true)
    if (node.where) this.write(' where ').visit(node.where)
    this.returning(node.returning, 'update')
  }

  // A multi-table DELETE (`DELETE t FROM t, other WHERE …`) is joined by the optimizer, where
  // MariaDB runs the portable EXISTS form as a subquery per row. MariaDB refuses RETURNING on a
  // multi-table DELETE, so with RETURNING the EXISTS form is kept.
  // https://dev.mysql.com/doc/refman/8.0/en/delete.html#delete-multiple-table
  protected override deleteStatement(node: DeleteNode): void {
    if (node.using.length === 0 || node.returning.length > 0) {
      super.deleteStatement(node)
      return
    }
    this.write('delete ').visit(node.table).write(' from ').list([node.table, ...node.using], ', ')
    if (node.where) this.write(' where ').visit(node.where)
  }

  // MODIFY restates the whole column: type, nullability and default together.
  // https://mariadb.com/kb/en/alter-table/#modify-column
  protected override alterColumn(node: AlterColumnNode): void {
    this.write('alter table ').visit(node.table).write(' modify column ')
    this.columnDefinition(node.to, false)
  }

  // MySQL drops a foreign key with DROP FOREIGN KEY and a unique constraint with DROP INDEX (its
  // index); DROP CONSTRAINT, for checks, is MariaDB 10.2+ and MySQL 8.0.19+.
  // https://mariadb.com/kb/en/alter-table/#drop-constraint
  protected override dropConstraint(node: DropConstraintNode): void {
    const clause = node.type === 'foreignKey' ? 'drop foreign key' : node.type === 'unique' ? 'drop index' : 'drop constraint'
    this.write('alter table ').visit(node.table).write(` ${clause} ${this.quoteIdentifier(node.name)}`)
  }

  protected override dropIndex(node: DropIndexNode): void {
    this.write(`drop index ${this.quoteIdentifier(node.name)} on `).visit(node.table)
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
    // MariaDB's LAG and LEAD take no default value. https://mariadb.com/kb/en/lag/
    if ((node.name === 'lag' || node.name === 'lead') && node.args.length > 2 && this.mysqlDialect.flavour === 'mariadb') {
      throw UnsupportedFeatureError.forFeature(this.dialect.name, `a default value in ${node.name}() on MariaDB`, `Wrap the call instead: func.coalesce(func.${node.name}(x, n).over(…), default).`)
    }
    if (isNow(node)) this.write('current_timestamp(3)')
    else super.functionCall(node)
  }

  // MariaDB accepts only a number literal as a frame offset, not a placeholder (MySQL takes both).
  // The offset is a number checked when the frame was built, so writing it is safe.
  // https://mariadb.com/kb/en/window-functions-overview/#frames
  protected override frameBound(bound: FrameBound): this {
    const offset = bound.offset
    if (offset?.kind === 'ValueNode' && typeof offset.value === 'number' && Number.isFinite(offset.value)) return this.write(`${this.inlineNumber(offset)} ${bound.position}`)
    return super.frameBound(bound)
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

  // Neither MySQL nor MariaDB has FULL OUTER JOIN.
  // https://dev.mysql.com/doc/refman/8.0/en/join.html
  protected override joinKeyword(joinType: JoinType): string {
    if (joinType === 'full') {
      throw UnsupportedFeatureError.forFeature(this.dialect.name, 'FULL OUTER JOIN', 'Union a LEFT JOIN with a RIGHT JOIN that keeps only the unmatched rows instead.')
    }
    return super.joinKeyword(joinType)
  }

  // MySQL 8 has FOR UPDATE OF; MariaDB has not (its NOWAIT and SKIP LOCKED need 10.6).
  // https://mariadb.com/kb/en/for-update/
  protected override forUpdate(clause: ForUpdateClause): void {
    if (clause.of.length > 0 && this.mysqlDialect.flavour === 'mariadb') {
      throw UnsupportedFeatureError.forFeature(this.dialect.name, 'FOR UPDATE OF on MariaDB', 'Lock every joined table (leave out `of`) or use MySQL 8.')
    }
    super.forUpdate(clause)
  }
}
