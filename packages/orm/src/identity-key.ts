/**
 * Identity keys: one string per (table, primary key) pair, so that an identity map is a plain Map.
 * Numbers and bigints that are equal encode alike (`1` and `1n` are the same row).
 */
export type IdentityKey = string

/** What a key is built from: the table's qualified name and the key values in primary-key order. */
export function identityKeyOf(tableKey: string, values: readonly unknown[]): IdentityKey | undefined {
  let key = tableKey
  for (const value of values) {
    if (value === null || value === undefined) return undefined
    key += '\u0000' + encodeKeyPart(value)
  }
  return key
}

/** `identityKeyOf(tableKey, [value])` for a one-column key, without the array: the loaders' per-row path. */
export function identityKeyOfOne(tableKey: string, value: unknown): IdentityKey | undefined {
  if (value === null || value === undefined) return undefined
  return typeof value === 'number' ? `${tableKey}\u0000n${value}` : `${tableKey}\u0000${encodeKeyPart(value)}`
}

function encodeKeyPart(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return `n${value}`
    case 'string':
      return `s${value}`
    case 'boolean':
      return value ? 'b1' : 'b0'
    default:
      if (value instanceof Date) return `d${value.getTime()}`
      if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`
      return `j${JSON.stringify(value)}`
  }
}
