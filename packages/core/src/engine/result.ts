import { MultipleResultsFound, NoResultFound } from '../errors/result-errors'

/** The rows and counts of one executed statement. */
export class Result<Row> {
  constructor(
    private readonly rows: Row[],
    /** Rows returned, or rows matched by UPDATE/DELETE, or rows inserted. */
    readonly rowCount: number,
    /** The keys of each row, in select-list order. */
    readonly keys: readonly string[],
    /** The generated key of the last inserted row, where the driver reports it. */
    readonly insertId?: number | bigint,
  ) {}

  /** Every row. */
  all(): Row[] {
    return this.rows
  }

  /** The first row, or undefined. */
  first(): Row | undefined {
    return this.rows[0]
  }

  /** Exactly one row: throws `NoResultFound` or `MultipleResultsFound` otherwise. */
  one(): Row {
    if (this.rows.length === 0) throw NoResultFound.create()
    if (this.rows.length > 1) throw MultipleResultsFound.withCount(this.rows.length)
    return this.rows[0]
  }

  /** One row or undefined; throws `MultipleResultsFound` when there are more. */
  oneOrNone(): Row | undefined {
    if (this.rows.length > 1) throw MultipleResultsFound.withCount(this.rows.length)
    return this.rows[0]
  }

  /** The first column of the first row, or undefined when there is no row. */
  scalar(): Row[keyof Row] | undefined {
    const row = this.rows[0]
    return row === undefined ? undefined : (row as Record<string, unknown>)[this.keys[0]] as Row[keyof Row]
  }

  /** The first column of every row. */
  scalars(): Row[keyof Row][] {
    const key = this.keys[0]
    return this.rows.map((row) => (row as Record<string, unknown>)[key] as Row[keyof Row])
  }
}
