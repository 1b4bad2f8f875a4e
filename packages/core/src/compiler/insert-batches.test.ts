import { CompileError, MetaData, insert, integer, sql, varchar } from '../index'
import { countBoundValues, splitInsert } from './insert-batches'

const metadata = new MetaData()
const points = metadata.table('points', { id: integer().primaryKey(), x: integer().notNull(), label: varchar(10) })

describe('splitInsert', () => {
  it('keeps an INSERT that fits as it is', () => {
    const node = insert(points).values([{ x: 1 }, { x: 2 }]).node
    expect(splitInsert(node, 2)).toEqual([node])
    expect(splitInsert(node, 2)[0]).toBe(node)
  })

  it('splits consecutive rows so that each INSERT stays under the limit, rows in order', () => {
    const node = insert(points).values([1, 2, 3, 4, 5].map((x) => ({ x, label: `p${x}` }))).node
    const batches = splitInsert(node, 5)
    expect(batches.map((batch) => batch.rows.length)).toEqual([2, 2, 1])
    expect(batches.flatMap((batch) => batch.rows)).toEqual(node.rows)
    expect(batches.every((batch) => batch.columns === node.columns && Object.isFrozen(batch))).toBe(true)
  })

  it('counts what each row really binds, and the values the rest of the statement repeats', () => {
    // Row 1 binds nothing (a bare expression), row 2 binds two values through the sql tag.
    const node = insert(points)
      .values([{ x: 1 }, { x: sql<number>`1 + 1` }, { x: sql<number>`${2} * ${3}` }, { x: 4 }])
      .returning(points.c.id).node
    expect(node.rows.map(countBoundValues)).toEqual([1, 0, 2, 1])
    expect(splitInsert(node, 3).map((batch) => batch.rows.length)).toEqual([3, 1])
    const upsert = insert(points)
      .values([{ x: 1 }, { x: 2 }, { x: 3 }])
      .onConflictDoUpdate({ target: points.c.id, set: { x: 0, label: 'dup' } }).node
    // Two values in SET travel with every batch: 2 + 1 per row.
    expect(splitInsert(upsert, 4).map((batch) => batch.rows.length)).toEqual([2, 1])
  })

  it('refuses a row that alone is over the limit', () => {
    const node = insert(points).values([{ x: 1, label: 'a' }, { x: 2, label: 'b' }]).node
    expect(() => splitInsert(node, 1)).toThrow(CompileError)
    expect(() => splitInsert(node, 1)).toThrow(/Row 0 .* 2 bound values .* more than the 1/)
  })

  it('does not walk into a bound value: a Buffer or a JSON document is one parameter', () => {
    expect(countBoundValues({ kind: 'ValueNode', value: Buffer.alloc(1_000_000), type: undefined })).toBe(1)
    expect(countBoundValues({ kind: 'ValueNode', value: { kind: 'ValueNode' }, type: undefined })).toBe(1)
  })
})
