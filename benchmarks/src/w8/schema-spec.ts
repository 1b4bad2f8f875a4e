/** The generated W8 workload, independent of any library: 50 tables, 200 queries over them. */

export const TABLE_COUNT = 50
export const QUERY_COUNT = 200

export type QueryKind = 'select' | 'join' | 'insert' | 'update'
const KINDS: readonly QueryKind[] = ['select', 'join', 'insert', 'update']

export interface QuerySpec {
  readonly index: number
  readonly kind: QueryKind
  /** The table queried (t<table>). */
  readonly table: number
  /** For joins: the table whose id t<table>.parent_id references. */
  readonly parent: number
}

/** Table i (i > 0) has parent_id referencing table i - 1; table 0 joins table 1 (its parent_id has no foreign key). */
export const parentOf = (table: number): number => (table === 0 ? 1 : table - 1)

export function querySpecs(): QuerySpec[] {
  return Array.from({ length: QUERY_COUNT }, (_, index) => {
    const table = (index * 7) % TABLE_COUNT
    return { index, kind: KINDS[index % KINDS.length], table, parent: parentOf(table) }
  })
}

/** Every generated query checks its result type twice: the right type is accepted and a wrong one refused (so `any` fails). */
export const WRONG_TYPE_NOTE = '// @ts-expect-error the inferred type is precise, not any'
