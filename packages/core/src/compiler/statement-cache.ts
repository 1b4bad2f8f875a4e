import type { StatementTemplate } from './statement-template'

const DEFAULT_CAPACITY = 2_000

/** Compiled statement templates by shape key (see shape-key.ts); least recently used ones are dropped past the capacity. */
export class StatementCache {
  private readonly templates = new Map<number, StatementTemplate>()

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(key: number): StatementTemplate | undefined {
    const template = this.templates.get(key)
    if (template !== undefined && this.templates.size > 64) {
      // Re-inserting moves the key to the end of Map's order, which makes the first key the oldest.
      this.templates.delete(key)
      this.templates.set(key, template)
    }
    return template
  }

  set(key: number, template: StatementTemplate): void {
    if (this.templates.size >= this.capacity) this.templates.delete(this.templates.keys().next().value as number)
    this.templates.set(key, template)
  }

  get size(): number {
    return this.templates.size
  }
}
