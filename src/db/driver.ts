/**
 * The one database interface both drivers implement (PGlite embedded, PostgreSQL through `pg`).
 * `test/db/conformance.test.ts` is the suite both must pass.
 */
import type { Sql } from './sql.ts';

export type Row = Record<string, unknown>;

export type QueryResult<T> = { rows: T[]; rowCount: number };

export interface Queryable {
  query<T = Row>(query: Sql): Promise<QueryResult<T>>;
  /** Runs trusted SQL text that may hold several statements (migrations). No parameters. */
  exec(text: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Use the
   * handle it receives for every query inside: on PGlite, calling the outer `db` from inside a
   * transaction waits for the transaction to end, which never happens.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
