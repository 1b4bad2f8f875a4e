import { normaliseDefault } from '../src/autogenerate/server-default'

describe('normaliseDefault', () => {
  it('folds the spellings databases rewrite a default into', () => {
    const same: [string, string][] = [
      ['(42)', '42'],
      ["'1.50'", '1.50'],
      ["('x')", "'x'"],
      ['false', '0'],
      ['TRUE', '1'],
      ['(CURRENT_TIMESTAMP)', 'current_timestamp(3)'],
      ['now()', 'CURRENT_TIMESTAMP'],
      ["strftime('%Y-%m-%d %H:%M:%f', 'now')", "STRFTIME('%Y-%m-%d %H:%M:%f', 'now')"],
    ]
    for (const [a, b] of same) expect([a, normaliseDefault(a)]).toEqual([a, normaliseDefault(b)])
  })

  it('keeps what differs: string case, and parentheses that do not wrap the whole expression', () => {
    expect(normaliseDefault("'Draft'")).not.toBe(normaliseDefault("'draft'"))
    expect(normaliseDefault('(1) + (2)')).toBe('(1) + (2)')
    expect(normaliseDefault('0')).not.toBe(normaliseDefault('10'))
  })
})
