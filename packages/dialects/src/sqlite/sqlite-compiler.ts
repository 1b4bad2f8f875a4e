import { type AddConstraintNode, type AlterColumnNode, type DropConstraintNode, type ExpressionNode, type FunctionNode, type InsertNode, type QueryNode, type RawSqlNode, type SqlType, SqlCompiler, UnsupportedFeatureError } from '@athanor/core'

const TRUE: RawSqlNode = Object.freeze({ kind: 'RawSqlNode', parts: Object.freeze(['true']), values: Object.freeze([]) })

/** SQLite spelling: `?` placeholders, 0/1 booleans, `INTEGER PRIMARY KEY` rowid keys. */
export class SqliteCompiler extends SqlCompiler {
  protected override booleanLiteral(value: boolean): string {
    return value ? '1' : '0'
  }

  // SQLite only accepts OFFSET after a LIMIT; -1 means "no limit".
  // https://www.sqlite.org/lang_select.html#limitoffset
  protected override limitOffset(limit: ExpressionNode | undefined, offset: ExpressionNode | undefined): void {
    if (limit) this.write(' limit ').visit(limit)
    else if (offset) this.write(' limit -1')
    if (offset) this.write(' offset ').visit(offset)
  }

  // SQLite's ALTER TABLE cannot change a column; migrations rebuild the table instead ("batch").
  // https://www.sqlite.org/lang_altertable.html#otheralter
  protected override alterColumn(_node: AlterColumnNode): void {
    throw UnsupportedFeatureError.forFeature(this.dialect.name, 'ALTER COLUMN', 'Rebuild the table: create the new shape, copy the rows, drop the old table, rename.')
  }

  // Nor can it add or drop a constraint of an existing table: that is a rebuild too.
  protected override addConstraint(_node: AddConstraintNode): void {
    throw UnsupportedFeatureError.forFeature(this.dialect.name, 'ALTER TABLE … ADD CONSTRAINT', 'Rebuild the table with the constraint in its CREATE TABLE.')
  }

  protected override dropConstraint(_node: DropConstraintNode): void {
    throw UnsupportedFeatureError.forFeature(this.dialect.name, 'ALTER TABLE … DROP CONSTRAINT', 'Rebuild the table without the constraint.')
  }

  protected override typeName(type: SqlType): string {
    switch (type.name) {
      // Only the exact type name INTEGER makes a column the rowid alias.
      // https://www.sqlite.org/lang_createtable.html#rowid
      case 'integer':
      case 'bigint':
        return 'integer'
      case 'double':
        return 'real'
      // TEXT affinity keeps the JSON text exactly as written.
      case 'json':
      case 'jsonb':
        return 'text'
      case 'uuid':
        return 'char(36)'
      case 'timestamp':
        return 'timestamp'
      default:
        return super.typeName(type)
    }
  }

  // Timestamps are stored as UTC text with milliseconds, the format the bind processor writes.
  protected override functionCall(node: FunctionNode): void {
    if (node.name === 'now' && node.args.length === 0) this.write("strftime('%Y-%m-%d %H:%M:%f', 'now')")
    else super.functionCall(node)
  }

  // In INSERT … SELECT … ON CONFLICT, the parser cannot tell the upsert's ON from a join's ON
  // unless the SELECT has a WHERE; `WHERE true` is the documented remedy.
  // https://www.sqlite.org/lang_upsert.html#parsing_ambiguity
  protected override insertStatement(node: InsertNode): void {
    if (node.select && node.onConflict && node.select.where === undefined) super.insertStatement({ ...node, select: { ...node.select, where: TRUE } })
    else super.insertStatement(node)
  }

  // SQLite has no row locks: a write transaction locks the whole database, so FOR UPDATE is dropped.
  protected override forUpdate(): void {}

  // SQLite accepts no parentheses around the members of a compound SELECT, and ORDER BY / LIMIT
  // only at its end: a member with its own (or a nested compound) is read from a subquery instead.
  // https://www.sqlite.org/lang_select.html#compound_select_statements
  protected override compoundMember(query: QueryNode, isAliasingByKey: boolean): void {
    if (this.needsParentheses(query)) this.write('select * from (').query(query, isAliasingByKey).write(')')
    else super.compoundMember(query, isAliasingByKey)
  }
}
