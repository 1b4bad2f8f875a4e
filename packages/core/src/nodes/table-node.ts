/** A table named in SQL, optionally schema-qualified. */
export interface TableNode {
  readonly kind: 'TableNode'
  readonly name: string
  readonly schema: string | undefined
}

export const tableNode = (name: string, schema?: string): TableNode => Object.freeze({ kind: 'TableNode', name, schema })
