import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, QueryResult } from '../driver.ts';
import { translateError } from '../errors.ts';
import { compile, type Sql } from '../sql.ts';
import { listenPg } from './pg-listener.ts';

// int8 (bigint, count(*)) as a JS number, as PGlite returns it. Our bigints (TTLs, counts) stay
// far below 2^53. Set on this pool's own type table, not node-postgres's global one.
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

type Client = Pick<pg.PoolClient, 'query'>;

/**
 * Statements run as named prepared statements: each connection parses and plans a text once,
 * then only binds and executes it (for the provider's small lookups, planning cost PostgreSQL
 * more than running them). The names are bounded: texts past `maxNamed` (queries built with a
 * varying shape, such as long IN lists) run unnamed. Needs a session-mode connection — as
 * LISTEN does (README: PgBouncer).
 */
const maxNamed = 2000;
const names = new Map<string, string>();
const nameFor = (text: string): string | undefined => {
  let name = names.get(text);
  if (name === undefined && names.size < maxNamed) {
    name = `latch_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
};

// A prepared statement whose result columns changed under it (DDL by a newer version) fails once
// with this error; the same query then runs unnamed.
const isStalePlan = (error: unknown) =>
  (error as { code?: unknown }).code === '0A000' &&
  String((error as { message?: unknown }).message).includes('cached plan');

const queryable = (client: Client): Queryable => ({
  async query<T>(query: Sql): Promise<QueryResult<T>> {
    const { text, values } = compile(query);
    try {
      const result = await client
        .query({ name: nameFor(text), text, values, types: typeParsers })
        .catch((error: unknown) => {
          if (!isStalePlan(error)) throw error;
          return client.query({ text, values, types: typeParsers });
        });
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw translateError(error);
    }
  },
  async exec(text: string): Promise<void> {
    try {
      // Without parameters node-postgres uses the simple query protocol: several statements are fine.
      await client.query(text);
    } catch (error) {
      throw translateError(error);
    }
  },
});

export const createPgDb = (pool: pg.Pool): Db => {
  const listeners = new Set<() => Promise<void>>();
  // An idle client errors when its connection ends under it (a server restart, an administrator's
  // termination, or a database dropped just after `pool.end()`, which resolves before the clients'
  // sockets close). The pool discards that client; without a listener the error would be thrown.
  if (pool.listenerCount('error') === 0) pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection dropped mid-transaction emits 'error' on the client: without a listener that
      // would crash the process. The failed query rejects anyway; the client is then destroyed.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const result = await fn(queryable(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken ??= rollbackError;
        });
        throw translateError(error);
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    listen(channel, handlers) {
      const stop = listenPg(pool.options, channel, handlers);
      const stopOnce = async () => {
        listeners.delete(stopOnce);
        await stop();
      };
      listeners.add(stopOnce);
      return stopOnce;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
};
