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

export type ListenHandlers = {
  onNotify(payload: string): void;
  onState(listening: boolean): void;
};

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Use the
   * handle it receives for every query inside: on PGlite, calling the outer `db` from inside a
   * transaction waits for the transaction to end, which never happens.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Delivers each NOTIFY on `channel` to `onNotify`. `onState(true)` says notifications are
   * flowing; `onState(false)` says some may be missed (the connection dropped; the driver
   * reconnects and reports `true` again). Returns a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): () => Promise<void>;
  close(): Promise<void>;
}
