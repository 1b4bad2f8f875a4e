/**
 * The up() and down() bodies autogenerate writes: each step pairs its up lines with the lines that
 * undo them, and down() runs the undo lines in reverse order of the steps.
 *
 * @example
 * const script = new MigrationScript()
 * script.step(`await op.dropIndex('ix_a', 't')`, `await op.createIndex('ix_a', 't', ['a'])`)
 */
export class MigrationScript {
  readonly upLines: string[] = []
  /** Names imported from @athanor/core by the rendered code. */
  readonly imports = new Set<string>()
  private readonly undoSteps: (readonly string[])[] = []

  /** One change and its undo. */
  step(up: string | readonly string[], down: string | readonly string[]): void {
    this.upLines.push(...(typeof up === 'string' ? [up] : up))
    this.undoSteps.push(typeof down === 'string' ? [down] : down)
  }

  /** A comment in up() for what autogenerate cannot decide (a rename, an unnamed constraint). */
  note(line: string): void {
    this.upLines.push(`// CHECK(autogenerate): ${line}`)
  }

  get downLines(): string[] {
    return [...this.undoSteps].reverse().flat()
  }

  /** True when no operation was written (comments alone are not a change). */
  get isEmpty(): boolean {
    return this.upLines.every((line) => line.startsWith('//'))
  }
}
