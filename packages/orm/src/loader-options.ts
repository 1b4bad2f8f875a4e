import type { AnyAlias, AnyTable } from '@athanor/core'

/** How one relationship of a path is loaded by a query. */
export type LoaderStrategy = 'selectin' | 'joined' | 'subquery' | 'raise' | 'lazy' | 'containsEager'

/** One step of a loader path: a relationship name, its strategy, and for containsEager the joined source. */
export interface LoaderStep {
  readonly key: string
  readonly strategy: LoaderStrategy
  /** containsEager only: the table or alias the user joined the target as (default: the target's table). */
  readonly source: AnyTable | AnyAlias | undefined
}

/**
 * A loader option for `select(User).options(...)`: a path of relationships, each with its
 * strategy. Made by `selectinload("posts")` and chained for nested paths:
 * `selectinload("posts").selectinload("tags")`. Names are checked when the query runs (an unknown
 * relationship throws ArgumentError naming the class).
 */
export class LoaderOption {
  readonly kind = 'LoaderOption'

  constructor(readonly path: readonly LoaderStep[]) {
    Object.freeze(this.path)
  }

  /** Then loads `key` of the objects this path reached with `WHERE key IN (…)`. */
  selectinload(key: string): LoaderOption {
    return this.then(key, 'selectin')
  }

  /** Then loads `key` in the same statement, with a LEFT OUTER JOIN. */
  joinedload(key: string): LoaderOption {
    return this.then(key, 'joined')
  }

  /** Then loads `key` with one statement that joins the previous level's query as a subquery. */
  subqueryload(key: string): LoaderOption {
    return this.then(key, 'subquery')
  }

  /** Then leaves `key` unloaded, reading it throws. */
  raiseload(key: string): LoaderOption {
    return this.then(key, 'raise')
  }

  /** Then leaves `key` to an explicit `session.refresh(obj, [key])`. */
  lazyload(key: string): LoaderOption {
    return this.then(key, 'lazy')
  }

  /** Then fills `key` from columns of a join the query already has. */
  containsEager(key: string, source?: AnyTable | AnyAlias): LoaderOption {
    return new LoaderOption([...this.path, loaderStep(key, 'containsEager', source)])
  }

  private then(key: string, strategy: LoaderStrategy): LoaderOption {
    return new LoaderOption([...this.path, loaderStep(key, strategy, undefined)])
  }
}

// Core's statement cache walks options like data: the source (a table, which points back at its
// columns) is kept out of that walk as a non-enumerable property.
function loaderStep(key: string, strategy: LoaderStrategy, source: AnyTable | AnyAlias | undefined): LoaderStep {
  const step = { key, strategy } as { key: string; strategy: LoaderStrategy; source: LoaderStep['source'] }
  Object.defineProperty(step, 'source', { value: source, enumerable: false })
  return Object.freeze(step)
}

const start = (key: string, strategy: LoaderStrategy, source?: AnyTable | AnyAlias): LoaderOption => new LoaderOption([loaderStep(key, strategy, source)])

/**
 * Loads a relationship of every object of the query with one more SELECT per level (`WHERE key IN
 * (…)`, split to respect the driver's parameter limit; composite keys use `(a = ? AND b = ?) OR …`).
 *
 * ```ts
 * await session.scalars(select(User).options(selectinload("posts").selectinload("tags")))
 * ```
 */
export function selectinload(key: string): LoaderOption {
  return start(key, 'selectin')
}

/**
 * Loads a relationship in the query itself with a LEFT OUTER JOIN; rows are de-duplicated into
 * objects. A query with LIMIT/OFFSET is wrapped in a subquery so the limit counts parent rows.
 *
 * ```ts
 * await session.scalars(select(User).options(joinedload("profile")))
 * ```
 */
export function joinedload(key: string): LoaderOption {
  return start(key, 'joined')
}

/**
 * Loads a relationship with one SELECT that joins the original query (as a subquery) to the
 * target table: one statement per level, whatever the number of parents.
 *
 * ```ts
 * await session.scalars(select(User).where(User.c.name.like("a%")).options(subqueryload("posts")))
 * ```
 */
export function subqueryload(key: string): LoaderOption {
  return start(key, 'subquery')
}

/**
 * Leaves a relationship unloaded and makes reading it throw `NotLoadedError` (naming the
 * relationship and the loader to use), to prove a code path issues no further queries.
 *
 * ```ts
 * const users = await session.scalars(select(User).options(raiseload("posts")))
 * users[0].posts // throws NotLoadedError
 * ```
 */
export function raiseload(key: string): LoaderOption {
  return start(key, 'raise')
}

/**
 * Leaves a relationship to an explicit `await session.refresh(obj, [key])`, overriding a
 * relationship's default loader (`lazy: "selectin"`).
 *
 * ```ts
 * await session.scalars(select(Post).options(lazyload("tags")))
 * ```
 */
export function lazyload(key: string): LoaderOption {
  return start(key, 'lazy')
}

/**
 * Fills a relationship from a join the query already has (with its own filters): the target's
 * columns are added to the select list, no join is added. Pass the alias if the target was joined
 * under one.
 *
 * ```ts
 * await session.scalars(select(User).join(Post, Post.c.userId.eq(User.c.id)).where(Post.c.title.like("a%")).options(containsEager("posts")))
 * ```
 */
export function containsEager(key: string, source?: AnyTable | AnyAlias): LoaderOption {
  return start(key, 'containsEager', source)
}
