import { MultipleResultsFound, NoResultFound, type Result } from '@athanor/core'
import { UniqueRequiredError } from './errors/unique-required-error'

/**
 * The tuple `session.execute(statement)` gives per row: `[User, Post]` for `select(User, Post)`,
 * `[User, number]` for `select(User, func.count(Post.c.id).label("n"))`, `[User]` for
 * `select(User)`; never when the select list names no mapped class.
 */
export type TupleOf<Row> = '__tuple' extends keyof Row
  ? TupleIn<Exclude<Row[keyof Row & '__tuple'], undefined>>
  : '__entity' extends keyof Row
    ? [Exclude<Row[keyof Row & '__entity'], undefined>]
    : never

type TupleIn<T> = T extends readonly unknown[] ? T : never

/** What `session.execute(statement)` resolves to: an `EntityResult` of tuples when the select list names a mapped class, else Core's `Result`. */
export type ExecuteResult<Row> = [TupleOf<Row>] extends [never] ? Result<Row> : EntityResult<TupleOf<Row>>

/**
 * The rows of `session.execute(select(User, Post))`: typed tuples, `[User, Post]`, of the
 * session's objects (one object per identity: the same `User` in every row of that user) and
 * plain values (`select(User, func.count(Post.c.id).label("n"))` → `[User, number]`). An entity
 * is `null` where its primary key columns are all NULL (the outer side of an outer join; the
 * tuple type does not track joins, so type that element `| null` yourself). Immutable:
 * `unique()` returns a new result.
 *
 * ```ts
 * for (const [user, post] of await session.execute(select(User, Post).join(Post, Post.c.userId.eq(User.c.id)))) …
 * const users = (await session.execute(select(User).options(joinedload("posts")))).unique().scalars()
 * ```
 */
export class EntityResult<T extends readonly unknown[]> implements Iterable<T> {
  constructor(
    private readonly rows: readonly T[],
    /** What each tuple position holds: the class name for an entity, else the column's key. */
    readonly keys: readonly string[],
    /** Positions holding entities (compared by identity in `unique()`). */
    private readonly entityPositions: ReadonlySet<number>,
    /** `Class.relationship` when joinedload repeats objects across rows: reading then needs `unique()`. */
    private readonly joinedCollection: string | undefined,
  ) {}

  /**
   * The rows without repeats, in order of first appearance: two rows are the same when they hold
   * the same objects and equal values, as SQLAlchemy's `Result.unique()`. Required after a joined
   * eager load of a collection (`joinedload("posts")`), which repeats each parent once per child.
   */
  unique(): EntityResult<T> {
    return new EntityResult(uniqueRows(this.rows, this.entityPositions), this.keys, this.entityPositions, undefined)
  }

  /** Every row. */
  all(): T[] {
    return [...this.readable()]
  }

  /** The first row, or undefined. */
  first(): T | undefined {
    return this.readable()[0]
  }

  /** Exactly one row: throws `NoResultFound` or `MultipleResultsFound` otherwise. */
  one(): T {
    const rows = this.readable()
    if (rows.length === 0) throw NoResultFound.create()
    if (rows.length > 1) throw MultipleResultsFound.withCount(rows.length)
    return rows[0]
  }

  /** One row or undefined; throws `MultipleResultsFound` when there are more. */
  oneOrNone(): T | undefined {
    const rows = this.readable()
    if (rows.length > 1) throw MultipleResultsFound.withCount(rows.length)
    return rows[0]
  }

  /** The first element of the first row, or undefined when there is no row. */
  scalar(): T[0] | undefined {
    return this.readable()[0]?.[0]
  }

  /** The first element of every row: `(await session.execute(select(User, Post)…)).scalars()` → `User[]`. */
  scalars(): T[0][] {
    return this.readable().map((row) => row[0])
  }

  /** `for (const [user, post] of result)`. */
  [Symbol.iterator](): Iterator<T> {
    return this.readable()[Symbol.iterator]()
  }

  private readable(): readonly T[] {
    if (this.joinedCollection !== undefined) throw UniqueRequiredError.forJoinedCollection(this.joinedCollection)
    return this.rows
  }
}

/**
 * The rows without repeats. A trie of Maps keyed per position (objects by identity, values by
 * value), so no row is serialised to a string.
 */
function uniqueRows<T extends readonly unknown[]>(rows: readonly T[], entityPositions: ReadonlySet<number>): T[] {
  const unique: T[] = []
  const root = new Map<unknown, unknown>()
  for (const row of rows) {
    let level = root
    let isNew = false
    row.forEach((value, index) => {
      const key = entityPositions.has(index) ? value : valueKeyOf(value)
      let next = level.get(key) as Map<unknown, unknown> | undefined
      if (next === undefined) {
        isNew = true
        level.set(key, (next = new Map()))
      }
      level = next
    })
    if (isNew) unique.push(row)
  }
  return unique
}

// Values that are equal but different objects (dates, bytes, JSON) compare by content.
function valueKeyOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (value instanceof Date) return `d${value.getTime()}`
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`
  return `j${JSON.stringify(value)}`
}
