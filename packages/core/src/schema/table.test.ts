import { ArgumentError, MetaData, integer, primaryKey, varchar, insert, update, toSnakeCase } from '../index'

describe('metadata.table', () => {
  it('maps camelCase properties to snake_case SQL names unless named', () => {
    const metadata = new MetaData()
    const t = metadata.table('t', { id: integer().primaryKey(), createdBy: integer(), label: varchar(5, { name: 'lbl' }) })
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'created_by', 'lbl'])
    expect(toSnakeCase('userID')).toBe('user_id')
    expect(toSnakeCase('HTTPStatus')).toBe('http_status')
  })

  it('makes a lone integer primary key autoincrement, and not a composite one', () => {
    const metadata = new MetaData()
    const single = metadata.table('single', { id: integer().primaryKey() })
    const pair = metadata.table('pair', { a: integer(), b: integer() }, (t) => [primaryKey(t.a, t.b)])
    expect(single.c.id.isAutoincrement).toBe(true)
    expect(pair.primaryKey.map((c) => c.key)).toEqual(['a', 'b'])
    expect(pair.c.a.isAutoincrement).toBe(false)
  })

  it('refuses two properties with the same SQL name, and a table defined twice', () => {
    const metadata = new MetaData()
    expect(() => metadata.table('t', { userId: integer(), user_id: integer() })).toThrow(/both map to SQL column "user_id"/)
    metadata.table('u', { id: integer() })
    expect(() => metadata.table('u', { id: integer() })).toThrow(ArgumentError)
  })

  it('column builders are immutable', () => {
    const base = varchar(10)
    const strict = base.notNull()
    expect(base.config.isNullable).toBe(true)
    expect(strict.config.isNullable).toBe(false)
  })

  it('names the unknown column in insert and update', () => {
    const metadata = new MetaData()
    const t = metadata.table('t', { id: integer().primaryKey(), name: varchar(5) })
    expect(() => insert(t).values({ nmae: 'x' } as never)).toThrow(/no column "nmae"/)
    expect(() => update(t).values({ nmae: 'x' } as never)).toThrow(/no column "nmae"/)
    expect(() => insert(t).values([])).toThrow(ArgumentError)
  })
})
