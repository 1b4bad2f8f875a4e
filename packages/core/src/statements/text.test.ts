import { text } from './text'

describe('text() parameter parsing', () => {
  const parse = (sql: string) => {
    const node = text(sql).node
    return { parts: node.parts, names: node.parameters.map((p) => p.name) }
  }

  it('finds named parameters', () => {
    expect(parse('select * from users where name = :name and age > :min_age')).toEqual({
      parts: ['select * from users where name = ', ' and age > ', ''],
      names: ['name', 'min_age'],
    })
  })

  it('leaves casts, quoted text and comments alone', () => {
    expect(parse("select '1:2'::text, \":x\" -- :c\n/* :d */ from t where a = :a").names).toEqual(['a'])
  })

  it('keeps an escaped colon as a literal colon', () => {
    expect(parse('select \\:notparam').parts).toEqual(['select :notparam'])
  })

  it('handles doubled quotes inside strings', () => {
    expect(parse("select 'it''s :x' where b = :b").names).toEqual(['b'])
  })

  it('returns a column type when called without SQL', () => {
    expect(text().config.type.name).toBe('text')
  })
})
