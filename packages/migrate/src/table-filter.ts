/** Which tables autogenerate owns: names or `*` patterns to include (all when empty) and to exclude. */
export interface TableFilterOptions {
  readonly includeTables?: readonly string[]
  readonly excludeTables?: readonly string[]
}

/**
 * A predicate over table names from include/exclude lists, where `*` matches any run of characters
 * (`tmp_*`). Exclusion wins over inclusion.
 *
 * @example
 * const owns = tableFilter({ includeTables: ['users', 'posts'], excludeTables: ['legacy_*'] })
 * owns('users') // true
 */
export function tableFilter(options: TableFilterOptions): (table: string) => boolean {
  const included = (options.includeTables ?? []).map(patternOf)
  const excluded = (options.excludeTables ?? []).map(patternOf)
  return (table) => (included.length === 0 || included.some((pattern) => pattern.test(table))) && !excluded.some((pattern) => pattern.test(table))
}

function patternOf(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
}
