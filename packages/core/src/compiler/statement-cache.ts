import type { StatementTemplate } from './statement-template'

const DEFAULT_CAPACITY = 2_000

/** Compiled statement templates by shape key; least recently used ones are dropped past the capacity. */
export class StatementCache {
  private readonly templates = new Map<string, StatementTemplate>()

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get(key: string): StatementTemplate | undefined {
    const template = this.templates.get(key)
    if (template !== undefined && this.templates.size > 64) {
      // Re-inserting moves the key to the end of Map's order, which makes the first key the oldest.
      this.templates.delete(key)
      this.templates.set(key, template)
    }
    return template
  }

  set(key: string, template: StatementTemplate): void {
    if (this.templates.size >= this.capacity) this.templates.delete(this.templates.keys().next().value as string)
    this.templates.set(key, template)
  }

  get size(): number {
    return this.templates.size
  }
}
