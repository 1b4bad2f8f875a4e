/** Told about objects that join or leave a collection. */
export interface CollectionListener {
  added(item: object): void
  removed(item: object): void
}

const LISTENER: unique symbol = Symbol('athanor.collectionListener')

/**
 * The array behind a one-to-many or many-to-many attribute (`user.posts`). It is a real array;
 * its mutating methods — `push`, `pop`, `shift`, `unshift`, `splice`, `fill`, `copyWithin` — also
 * tell the relationship which objects joined or left, which keeps `backPopulates` in sync,
 * cascades save-update to new members and marks removed members as orphans for delete-orphan.
 *
 * Not observed (plain array semantics, no hook exists for them): assigning an index
 * (`posts[0] = p`) and writing `length`. Use `splice`, or assign a new array to the attribute
 * (`user.posts = [...]`), which is observed. `sort` and `reverse` change no membership.
 * Derived arrays (`map`, `filter`, `slice`) are plain arrays.
 *
 * Extending Array is the one way to give an array observed methods without a Proxy (whose traps
 * would see index writes but not which objects joined or left), hence the subclass.
 */
export class TrackedCollection<T extends object> extends Array<T> {
  declare readonly [LISTENER]: CollectionListener

  // map/filter/slice/splice results are plain arrays, not tracked collections without an owner.
  static override get [Symbol.species](): ArrayConstructor {
    return Array
  }

  /**
   * A collection holding `items`, reporting changes to `listener`.
   *
   * ```ts
   * const posts = TrackedCollection.withItems([post], listener)
   * ```
   */
  static withItems<T extends object>(items: Iterable<T>, listener: CollectionListener): TrackedCollection<T> {
    const collection = new TrackedCollection<T>()
    Object.defineProperty(collection, LISTENER, { value: listener, enumerable: false })
    for (const item of items) Array.prototype.push.call(collection, item)
    return collection
  }

  override push(...items: T[]): number {
    const wasPresent = items.map((item) => this.includes(item))
    const length = super.push(...items)
    this.reportAdded(items, wasPresent)
    return length
  }

  override unshift(...items: T[]): number {
    const wasPresent = items.map((item) => this.includes(item))
    const length = super.unshift(...items)
    this.reportAdded(items, wasPresent)
    return length
  }

  override pop(): T | undefined {
    const item = super.pop()
    if (item !== undefined) this.reportRemoved([item])
    return item
  }

  override shift(): T | undefined {
    const item = super.shift()
    if (item !== undefined) this.reportRemoved([item])
    return item
  }

  override splice(start: number, deleteCount?: number, ...items: T[]): T[] {
    const wasPresent = items.map((item) => this.includes(item))
    // splice(start) removes everything from start on; splice(start, undefined) removes nothing.
    const removed = arguments.length < 2 ? super.splice(start) : super.splice(start, deleteCount as number, ...items)
    this.reportRemoved(removed)
    this.reportAdded(items, wasPresent)
    return removed
  }

  override fill(value: T, start?: number, end?: number): this {
    const before = [...this]
    super.fill(value, start, end)
    this.reportDifference(before)
    return this
  }

  override copyWithin(target: number, start: number, end?: number): this {
    const before = [...this]
    super.copyWithin(target, start, end)
    this.reportDifference(before)
    return this
  }

  private reportAdded(items: readonly T[], wasPresent: readonly boolean[]): void {
    const reported = new Set<T>()
    items.forEach((item, index) => {
      if (wasPresent[index] || reported.has(item)) return
      reported.add(item)
      this[LISTENER].added(item)
    })
  }

  private reportRemoved(items: readonly T[]): void {
    const reported = new Set<T>()
    for (const item of items) {
      // Still present elsewhere in the array (a duplicate): it has not left.
      if (reported.has(item) || this.includes(item)) continue
      reported.add(item)
      this[LISTENER].removed(item)
    }
  }

  private reportDifference(before: readonly T[]): void {
    this.reportRemoved(before.filter((item) => !this.includes(item)))
    const added = this.filter((item) => !before.includes(item))
    this.reportAdded(added, added.map(() => false))
  }
}

/** Appends without reporting: for the other side of a backPopulates pair, and for loaders. */
export function pushSilently<T extends object>(collection: T[], item: T): void {
  Array.prototype.push.call(collection, item)
}

/** Removes every occurrence without reporting. */
export function removeSilently<T extends object>(collection: T[], item: T): void {
  let index = collection.indexOf(item)
  while (index !== -1) {
    Array.prototype.splice.call(collection, index, 1)
    index = collection.indexOf(item)
  }
}
