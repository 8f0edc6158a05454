import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from '../driver.ts';
import { translateError } from '../errors.ts';
import { compile, type Sql } from '../sql.ts';

type PGliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

const queryable = (target: PGliteLike): Queryable => ({
  async query<T>(query: Sql): Promise<QueryResult<T>> {
    const { text, values } = compile(query);
    try {
      const result = await target.query<T>(text, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    } catch (error) {
      throw translateError(error);
    }
  },
  async exec(text: string): Promise<void> {
    try {
      await target.exec(text);
    } catch (error) {
      throw translateError(error);
    }
  },
});

/** Wraps an open PGlite instance. PGlite runs one query at a time; concurrent callers queue. */
export const createPgliteDb = (pglite: PGlite): Db => ({
  kind: 'pglite',
  ...queryable(pglite),
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    try {
      return await pglite.transaction((tx) => fn(queryable(tx)));
    } catch (error) {
      throw translateError(error);
    }
  },
  listen(channel, { onNotify, onState }) {
    // One process owns an embedded database (see open.ts): notifications cannot be missed.
    const unlisten = pglite.listen(channel, onNotify).then((stop) => {
      onState(true);
      return stop;
    });
    return async () => {
      const stop = await unlisten.catch(() => undefined);
      if (!pglite.closed) await stop?.();
    };
  },
  async close() {
    if (!pglite.closed) await pglite.close();
  },
});
