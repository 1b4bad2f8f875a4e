import {
  ArgumentError,
  type Connection,
  type Engine,
  type EntityGroup,
  type EntityResultColumn,
  type Executable,
  type ParameterSet,
  Select,
} from '@athanor/core'
import { type ExecuteOptions, prepareBulkSync } from './bulk-sync'
import { cascadeReach } from './cascade'
import { EagerLoader } from './eager-loader'
import type { ExecuteResult, TupleOf } from './entity-result'
import { hasEntityColumns, loadEntityTuples } from './entity-tuples'
import type { EntityClass, PrimaryKeyInput } from './entity'
import { DetachedInstanceError } from './errors/detached-instance-error'
import { flushSession } from './flush-session'
import { identityKeyOf } from './identity-key'
import { primaryKeyValues } from './primary-key-input'
import { readAutoIncrementStep } from './insert-batch'
import { InstanceLoader } from './instance-loader'
import { type InstanceState, stateOf } from './instance-state'
import { configureMappers, mapperOf } from './mapper'
import { mergeInstance } from './merge'
import { ObjectLoader } from './object-loader'
import { applyCommit, applyRollback, expireState, resetScopes } from './session-lifecycle'
import { type SessionEventName, SessionEvents, type SessionListener } from './session-events'
import { SessionTransaction } from './session-transaction'
import { TransactionScope } from './transaction-scope'
import { UnitOfWork } from './unit-of-work'

/** Options of `new Session(bind, options)`. */
export interface SessionOptions {
  /** Flush pending changes before `get`, `scalars`, `execute` and `refresh` query, so that they see them. Default true. */
  readonly autoflush?: boolean
  /**
   * Expire every object after `commit()`, so that values are read again in the next
   * transaction (reading an expired column throws `NotLoadedError` until `refresh`). Default true.
   */
  readonly expireOnCommit?: boolean
}

/** What `session.scalars(statement)` returns per row: the mapped object for `select(User)` (the first entity of `select(User, Post)`), else the first column. */
export type ScalarOf<Row> = [TupleOf<Row>] extends [never] ? Row[keyof Row] : TupleOf<Row>[0]

/**
 * The ORM's entry point: tracks mapped objects and writes exactly what changed, in foreign-key
 * order, in one transaction. A facade: the bookkeeping is the `UnitOfWork`'s, the writing the
 * flush's, the connection the `SessionTransaction`'s.
 *
 * ```ts
 * await using session = new Session(engine)
 * session.add(new User({ name: "ada", email: "ada@example.com" }))
 * await session.commit()
 * const ada = await session.scalars(select(User).where(User.c.name.eq("ada")))
 * ```
 *
 * `new Session(engine)` owns its connection (checked out on first use, returned at commit or
 * rollback). `new Session(connection)` joins the caller's transaction: the session's transaction
 * is a SAVEPOINT that `commit()` releases and `rollback()` rolls back to; the caller commits.
 */
export class Session {
  private readonly uow = new UnitOfWork()
  private readonly transaction: SessionTransaction
  private readonly instances = new InstanceLoader(this.uow)
  private readonly objects = new ObjectLoader(this.uow, this.instances)
  private readonly isAutoflushing: boolean
  private readonly isExpiringOnCommit: boolean
  private readonly events = new SessionEvents<Session>()
  private flushQueue: Promise<unknown> = Promise.resolve()
  private autoIncrementStep: number | undefined

  constructor(bind: Engine | Connection, options: SessionOptions = {}) {
    this.transaction = new SessionTransaction(bind)
    this.isAutoflushing = options.autoflush ?? true
    this.isExpiringOnCommit = options.expireOnCommit ?? true
  }

  /** Adds an object (pending until flushed), and what save-update cascades reach from it. `session.add(user)` */
  add(instance: object): void {
    this.uow.add(instance)
  }

  /** Adds several objects. `session.addAll([ada, bob])` */
  addAll(instances: Iterable<object>): void {
    this.uow.addAll(instances)
  }

  /** Marks a persistent object for deletion at the next flush (with its delete cascades). `session.delete(post)` */
  delete(instance: object): void {
    this.uow.delete(instance)
  }

  /** Removes an object from the session without touching the database. `session.expunge(user)` */
  expunge(instance: object): void {
    this.uow.expunge(instance)
  }

  /** Removes every object from the session. `session.expungeAll()` */
  expungeAll(): void {
    this.uow.detachAll()
  }

  /**
   * Discards loaded values (all, or the named attributes) so they are read again; expiring a
   * whole object also expires what its refresh-expire cascades reach. `session.expire(user, ["name"])`
   */
  expire<T extends object>(instance: T, attributes?: readonly (keyof T & string)[]): void {
    const state = this.attachedState(instance, 'expire()')
    if (state.identity === undefined) throw new ArgumentError(`expire(): this ${instance.constructor.name} is pending (never flushed); it has nothing to reload.`)
    const reached = attributes === undefined ? cascadeReach([state], 'refreshExpire', false) : [state]
    for (const each of reached) if (each.session === this.uow && each.identity !== undefined) expireState(each, attributes)
  }

  /** Expires every persistent object. `session.expireAll()` */
  expireAll(): void {
    for (const state of this.uow.identityMap.values()) expireState(state, undefined)
  }

  /** True when the object belongs to this session. `session.contains(user)` */
  contains(instance: object): boolean {
    return stateOf(instance).session === this.uow
  }

  /** Objects added and not flushed yet. */
  get new(): object[] {
    return [...this.uow.pending].map((state) => state.instance)
  }

  /** Persistent objects with unflushed changes. */
  get dirty(): object[] {
    return [...this.uow.modified].filter((state) => state.hasChanges).map((state) => state.instance)
  }

  /** Objects marked for deletion and not flushed yet. */
  get deleted(): object[] {
    return [...this.uow.deleted].map((state) => state.instance)
  }

  /**
   * The object with this primary key: from the identity map without SQL when it is there, else
   * with a SELECT; undefined when there is no such row. Composite keys: `[a, b]` or `{ a, b }`.
   *
   * ```ts
   * const ada = await session.get(User, 1)
   * ```
   */
  async get<T extends object>(entity: EntityClass<T>, key: PrimaryKeyInput): Promise<T | undefined> {
    const mapper = mapperOf(entity)
    configureMappers()
    const values = primaryKeyValues(mapper, key)
    const identity = identityKeyOf(mapper.tableKey, values)
    const found = identity === undefined ? undefined : this.uow.identityMap.get(identity)
    // Identities are the root table's: the object with this key may be of another class of the hierarchy.
    if (found !== undefined && !(found.instance instanceof (entity as unknown as new () => object))) return undefined
    if (found !== undefined && (found.expired === undefined || found.expired.size === 0)) return this.uow.deleted.has(found) ? undefined : (found.instance as T)
    await this.autoflush()
    return (await this.objects.byKey(await this.transaction.connection(), mapper, values)) as T | undefined
  }

  /**
   * Runs a query and returns the first column of each row; for `select(User)`, `User` objects
   * through the identity map (an object already in the session is returned as is, its unflushed
   * changes kept). Loader options load relationships with the objects:
   * `select(User).options(selectinload("posts").selectinload("tags"), joinedload("profile"))`;
   * with joinedload the objects are de-duplicated (one per parent row, as `unique()` does).
   *
   * ```ts
   * const adas = await session.scalars(select(User).where(User.c.name.eq("ada")))
   * ```
   */
  async scalars<Row>(statement: Executable<Row>, params?: ParameterSet): Promise<ScalarOf<Row>[]> {
    await this.autoflush()
    const connection = await this.transaction.connection()
    const group = firstEntityGroupOf(statement)
    if (group !== undefined) {
      configureMappers()
      return (await new EagerLoader(connection, this.uow, this.instances).load(selectOf(statement), mapperOf(group.entity), group.prefix, params)) as ScalarOf<Row>[]
    }
    return (await connection.execute(statement, params)).scalars() as ScalarOf<Row>[]
  }

  /** The first of `scalars()`, or undefined. `await session.scalar(select(User).where(...))` */
  async scalar<Row>(statement: Executable<Row>, params?: ParameterSet): Promise<ScalarOf<Row> | undefined> {
    return (await this.scalars(statement, params))[0]
  }

  /**
   * Runs any statement in the session's transaction (after autoflush). A select list that names
   * mapped classes gives an `EntityResult` of typed tuples of the session's objects:
   * `select(User, Post)` → `[User, Post]` rows (the same `User` object in every row of that user;
   * `null` for the outer side of an outer join where nothing matched), `select(User,
   * func.count(Post.c.id).label("n"))` → `[User, number]`, `select(User)` → `[User]`. Loader options
   * apply to the first entity; a joinedload of a collection repeats rows, so such a result must be
   * read through `.unique()` (else `UniqueRequiredError`), as in SQLAlchemy.
   * Other statements give Core's `Result`. Bulk statements started from a mapped class (`update(User)`,
   * `deleteFrom(User)`; not from its table, `update(users)`) keep the session's objects in sync as
   * `options.synchronizeSession` says (default `"evaluate"`; see `SynchronizeSession`).
   *
   * ```ts
   * for (const [user, post] of await session.execute(select(User, Post).join(Post, Post.c.userId.eq(User.c.id)))) …
   * const users = (await session.execute(select(User).options(joinedload("posts")))).unique().scalars()
   * await session.execute(update(User).where(User.c.karma.lt(0)).values({ isActive: false }))
   * await session.execute(deleteFrom(User).where(User.c.name.like("bot%")), undefined, { synchronizeSession: "fetch" })
   * ```
   */
  async execute<Row>(statement: Executable<Row>, params?: ParameterSet | readonly ParameterSet[], options: ExecuteOptions = {}): Promise<ExecuteResult<Row>> {
    await this.autoflush()
    const connection = await this.transaction.connection()
    const node = statement.node
    if (node.kind === 'SelectNode' && hasEntityColumns(node.columns)) {
      if (Array.isArray(params)) throw new ArgumentError('session.execute(select(...)): a SELECT takes one set of parameters, not a list.')
      configureMappers()
      const loader = new EagerLoader(connection, this.uow, this.instances)
      return (await loadEntityTuples(loader, this.instances, selectOf(statement), params as ParameterSet | undefined)) as ExecuteResult<Row>
    }
    // Only ORM-enabled statements (`update(User)`, not `update(users)`) touch the session's objects, as in SQLAlchemy.
    const sync =
      (node.kind === 'UpdateNode' || node.kind === 'DeleteNode') && node.entity !== undefined && !Array.isArray(params)
        ? await prepareBulkSync(this.uow, connection, node, options.synchronizeSession ?? 'evaluate', params as ParameterSet | undefined)
        : undefined
    const result = await connection.execute(statement, params)
    if (node.kind !== 'SelectNode') this.transaction.hasWrites = true
    sync?.apply()
    return result as ExecuteResult<Row>
  }

  /**
   * Listens to the session: `beforeFlush` / `afterFlush` (around a flush that has work), `beforeCommit`
   * (before commit's flush), `afterCommit`, `afterRollback`. Returns a function that removes it.
   * One commit fires: beforeCommit, beforeFlush, the mapper events (see `listen`), afterFlush, afterCommit.
   *
   * ```ts
   * session.on("afterCommit", () => cache.clear())
   * ```
   */
  on(event: SessionEventName, listener: SessionListener<Session>): () => void {
    return this.events.on(event, listener)
  }

  /** Writes pending changes to the database, in the session's transaction (see `flushSession` for failure semantics). */
  async flush(): Promise<void> {
    // One flush at a time: a second call waits for the first, then flushes what is left.
    const run = this.flushQueue.then(async () => {
      if (!this.uow.hasWork) return flushSession(this.flushContext())
      await this.events.emit('beforeFlush', this)
      await flushSession(this.flushContext())
      await this.events.emit('afterFlush', this)
    })
    this.flushQueue = run.catch(() => undefined)
    await run
  }

  /** Flushes, then commits (or releases the joined SAVEPOINT); with expireOnCommit, expires every object. */
  async commit(): Promise<void> {
    await this.events.emit('beforeCommit', this)
    await this.flush()
    await this.transaction.commit()
    applyCommit(this.uow, this.isExpiringOnCommit)
    await this.events.emit('afterCommit', this)
  }

  /**
   * Rolls the transaction back (or back to the joined SAVEPOINT). Objects added in it become
   * transient again, objects deleted in it are back, and every persistent object is expired.
   */
  async rollback(): Promise<void> {
    try {
      await this.transaction.rollback()
    } finally {
      applyRollback(this.uow, this.mergedScopes(), true)
      resetScopes(this.uow)
    }
    await this.events.emit('afterRollback', this)
  }

  /**
   * Rolls back what is uncommitted, releases the connection and empties the session (it can be
   * used again). Objects become detached with their values as they are — except those the
   * rolled-back transaction added (transient again) or changed (expired).
   */
  async close(): Promise<void> {
    try {
      await this.transaction.rollback()
    } finally {
      applyRollback(this.uow, this.mergedScopes(), false)
      this.expungeAll()
      resetScopes(this.uow)
    }
  }

  /**
   * Reloads an object's columns (discarding unflushed changes to them) or, with attribute names,
   * those columns and relationships: the explicit, awaited form of lazy loading.
   *
   * ```ts
   * await session.refresh(user, ["posts"]); user.posts.length
   * ```
   */
  async refresh<T extends object>(instance: T, attributes?: readonly (keyof T & string)[]): Promise<void> {
    const state = this.attachedState(instance, 'refresh()')
    if (state.identity === undefined) throw new ArgumentError(`refresh(): this ${instance.constructor.name} is pending; flush it first.`)
    const wanted = this.objects.attributesOf(state, attributes)
    await this.autoflush()
    await this.objects.refresh(await this.transaction.connection(), state, wanted)
  }

  /**
   * Copies an object from outside the session onto the session's object with the same key
   * (loaded if needed) or onto a new pending one, and returns the session's object.
   *
   * ```ts
   * const attached = await session.merge(detachedUser)
   * ```
   */
  async merge<T extends object>(instance: T): Promise<T> {
    configureMappers()
    return (await mergeInstance(
      {
        uow: this.uow,
        get: (entity, key) => this.get(entity, key),
        loader: async () => this.objects.relationships(await this.transaction.connection()),
      },
      instance,
    )) as T
  }

  /**
   * Runs `work`, then commits; rolls back and rethrows if it throws.
   *
   * ```ts
   * await session.begin(async (s) => { s.add(user) })
   * ```
   */
  async begin<T>(work: (session: this) => Promise<T>): Promise<T> {
    try {
      const result = await work(this)
      await this.commit()
      return result
    } catch (error) {
      // A failing rollback (a lost connection) must not hide why the work failed.
      await this.rollback().catch(() => undefined)
      throw error
    }
  }

  /**
   * Runs `work` in a SAVEPOINT (after flushing): released when it resolves, rolled back to when it
   * throws — then objects added inside become transient and objects changed inside are expired.
   *
   * ```ts
   * await session.beginNested(async () => { session.add(risky); await session.flush() })
   * ```
   */
  async beginNested<T>(work: (session: this) => Promise<T>): Promise<T> {
    await this.flush()
    const scope = new TransactionScope()
    this.uow.scopes.push(scope)
    try {
      const result = await this.transaction.nested(async () => {
        const value = await work(this)
        await this.flush()
        return value
      })
      this.uow.scopes.pop()
      scope.mergeInto(this.uow.scope)
      return result
    } catch (error) {
      this.uow.scopes.pop()
      applyRollback(this.uow, scope, false)
      throw error
    }
  }

  /** `await using session = new Session(engine)` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  private async autoflush(): Promise<void> {
    if (this.isAutoflushing && this.uow.hasWork) await this.flush()
  }

  private flushContext(): Parameters<typeof flushSession>[0] {
    return {
      uow: this.uow,
      transaction: this.transaction,
      instances: this.instances,
      autoIncrementStep: async (connection) => (this.autoIncrementStep ??= await readAutoIncrementStep(connection)),
    }
  }

  // The transaction's scope with those of any open beginNested folded in.
  private mergedScopes(): TransactionScope {
    const root = this.uow.scopes[0]
    for (const scope of this.uow.scopes.slice(1)) scope.mergeInto(root)
    return root
  }

  private attachedState(instance: object, operation: string): InstanceState {
    const state = stateOf(instance)
    if (state.session !== this.uow) throw DetachedInstanceError.notInSession(instance.constructor.name, operation)
    return state
  }
}

// The entity of a select's first column, with its key prefix (`users_` in `select(User, Post)`).
function firstEntityGroupOf(statement: Executable<unknown>): EntityGroup | undefined {
  const node = statement.node
  return node.kind === 'SelectNode' && node.columns.length > 0 ? (node.columns[0] as Partial<EntityResultColumn>).group : undefined
}

function selectOf(statement: Executable<unknown>): Select<unknown> {
  return statement instanceof Select ? statement : new Select(statement.node as Select<unknown>['node'])
}
