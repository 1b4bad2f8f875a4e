import { z } from 'zod'
import { type ColumnMap, Table } from '../schema/table'
import { columnSchemaOf } from './column-schema'

/** The value type a column reads as (`T | null` when nullable). */
type ValueOf<C extends ColumnMap, K extends keyof C> = C[K]['__value']

/** Per-column refinements: each receives the derived schema and returns one of the same type. */
export type SchemaRefinements<C extends ColumnMap> = { [K in keyof C]?: (schema: z.ZodType<ValueOf<C, K>>) => z.ZodType<ValueOf<C, K>> }

export type SelectShape<C extends ColumnMap> = { -readonly [K in keyof C]: z.ZodType<ValueOf<C, K>> }
export type InsertShape<C extends ColumnMap> = {
  -readonly [K in keyof C]: C[K]['__optional'] extends true ? z.ZodOptional<z.ZodType<ValueOf<C, K>>> : z.ZodType<ValueOf<C, K>>
}
export type UpdateShape<C extends ColumnMap> = { -readonly [K in keyof C]: z.ZodOptional<z.ZodType<ValueOf<C, K>>> }

/** A table, or a mapped class (which carries its table as a static `table`, as ORM models do). */
export type SchemaSource<C extends ColumnMap> = Table<C> | { readonly table: Table<C> }

const tableOf = <C extends ColumnMap>(source: SchemaSource<C>): Table<C> => (source instanceof Table ? source : source.table)

function shapeOf<C extends ColumnMap>(table: Table<C>, refinements: SchemaRefinements<C>, wrap: (key: string, schema: z.ZodType) => z.ZodType): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const column of table.columns) {
    const refine = (refinements as Record<string, ((schema: z.ZodType) => z.ZodType) | undefined>)[column.key]
    const base = columnSchemaOf(column)
    shape[column.key] = wrap(column.key, refine ? refine(base) : base)
  }
  return shape
}

/**
 * A zod schema for rows read from a table (or a mapped class such as an ORM model): every column present, nullable ones accept null.
 * `createSelectSchema(users).parse(row)`.
 */
export function createSelectSchema<C extends ColumnMap>(source: SchemaSource<C>, refinements: SchemaRefinements<C> = {}): z.ZodObject<SelectShape<C>> {
  return z.object(shapeOf(tableOf(source), refinements, (_key, schema) => schema)) as unknown as z.ZodObject<SelectShape<C>>
}

/**
 * A zod schema for request bodies that create rows: columns with a default (client or server), an
 * autoincrement key, or that allow NULL are optional; varchar length becomes `max`, enums `z.enum`,
 * numeric stays exact text, dates accept a Date or ISO text. Refine a field with a function, and
 * extend with zod's own `.extend(...)`:
 * `createInsertSchema(users, { email: (s) => s.refine((v) => v.includes("@")) })`.
 */
export function createInsertSchema<C extends ColumnMap>(source: SchemaSource<C>, refinements: SchemaRefinements<C> = {}): z.ZodObject<InsertShape<C>> {
  const table = tableOf(source)
  const optionalKeys = new Set(table.columns.filter((c) => c.config.isNullable || c.config.clientDefault || c.config.serverDefault || c.isAutoincrement).map((c) => c.key))
  return z.object(shapeOf(table, refinements, (key, schema) => (optionalKeys.has(key) ? schema.optional() : schema))) as unknown as z.ZodObject<InsertShape<C>>
}

/** A zod schema for partial updates: every column optional, nullable ones accept null. */
export function createUpdateSchema<C extends ColumnMap>(source: SchemaSource<C>, refinements: SchemaRefinements<C> = {}): z.ZodObject<UpdateShape<C>> {
  return z.object(shapeOf(tableOf(source), refinements, (_key, schema) => schema.optional())) as unknown as z.ZodObject<UpdateShape<C>>
}
