import { ToolkitError } from '@athanor/core'

/** A mapping that cannot work: no or several foreign keys for a relationship, a bad backPopulates, a class mapped twice. */
export class MappingError extends ToolkitError {
  override readonly name: string = 'MappingError'

  static noForeignKey(relationship: string, parentTable: string, targetTable: string): MappingError {
    return new MappingError(
      `${relationship}: no foreign key links "${parentTable}" and "${targetTable}". Add .references(...) to a column, or pass { secondary } for a many-to-many relationship.`,
    )
  }

  static ambiguousForeignKeys(relationship: string, candidates: readonly string[]): MappingError {
    return new MappingError(
      `${relationship}: several foreign keys could join these tables (${candidates.join(', ')}). Say which with { foreignKeys: [table.c.column] }.`,
    )
  }

  static badBackPopulates(relationship: string, partner: string, reason: string): MappingError {
    return new MappingError(`${relationship}: backPopulates "${partner}" ${reason}.`)
  }

  static alreadyMapped(className: string): MappingError {
    return new MappingError(`${className} is already mapped; call mapper(${className}, { ... }) once, before the class is used in a Session.`)
  }

  static shadowedAttribute(className: string, attribute: string): MappingError {
    return new MappingError(
      `${className}.${attribute} is an own property of the instance, which hides the mapped attribute. ` +
        `Declare relationship attributes with \`declare ${attribute}: ...\` (not as class fields), and do not redeclare columns.`,
    )
  }

  static invalid(relationship: string, reason: string): MappingError {
    return new MappingError(`${relationship}: ${reason}`)
  }
}
