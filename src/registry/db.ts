import type {DuckDBConnection, DuckDBMaterializedResult, DuckDBValue} from '@duckdb/node-api'

// One DuckDB connection with its statements run one after another. Paged reads (snapshot rows,
// findings) interleave with writes on a transaction's connection; queuing keeps two awaits from
// reaching the connection at once.

export type Params = DuckDBValue[]
export type Row = Record<string, unknown>

export class Db {
  private tail: Promise<unknown> = Promise.resolve()

  constructor(readonly connection: DuckDBConnection) {}

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work)
    // The queue goes on after a failure; the failure itself goes to the caller.
    this.tail = next.catch(() => undefined)
    return next
  }

  /** Settles once every statement queued so far has. */
  async idle(): Promise<void> {
    await this.tail
  }

  run(sql: string, params?: Params): Promise<void> {
    return this.queue(async () => {
      await this.connection.run(sql, params)
    })
  }

  /** Every row as a plain object; BIGINTs come back as bigint, so cast counts to INTEGER in SQL. */
  all<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.queue(async () => {
      const reader = await this.connection.runAndReadAll(sql, params)
      return reader.getRowObjectsJS() as T[]
    })
  }

  /** The materialized result itself, for readers that walk its vectors (snapshot rows). */
  result(sql: string, params?: Params): Promise<DuckDBMaterializedResult> {
    return this.queue(() => this.connection.run(sql, params))
  }

  async one<T extends object = Row>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params)
    return rows[0]
  }
}

/**
 * A SQL string literal (for the few statements that cannot take parameters, such as DDL and COPY).
 * A NUL ends the statement's text for DuckDB's parser: it is written as chr(0) between literals.
 */
export function sqlString(value: string): string {
  const literal = `'${value.replaceAll("'", "''")}'`
  return value.includes('\0') ? `(${literal.replaceAll('\0', "' || chr(0) || '")})` : literal
}
