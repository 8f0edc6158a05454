/**
 * The embedded database (PGlite: PostgreSQL compiled to WebAssembly). PGlite computes every query
 * synchronously on the thread that holds it, so it lives on a thread of its own
 * (pglite-thread.ts) and this driver sends it messages: the event loop stays free while a query
 * runs, and queries use a second core. PGlite runs one query at a time; concurrent callers queue,
 * and a transaction holds it until it ends.
 */
import { Worker } from 'node:worker_threads';
import type { Db, ListenHandlers, Queryable, QueryResult } from '../driver.ts';
import {
  ConstraintViolationError,
  DbError,
  ForeignKeyViolationError,
  NotFoundError,
  UniqueViolationError,
  ValueTooLongError,
} from '../errors.ts';
import { compile, type Sql } from '../sql.ts';
import type { ErrorShape, PgliteSource, Reply, Request } from './pglite-thread.ts';

export type { PgliteSource } from './pglite-thread.ts';

export type PgliteDb = Db & {
  /** The whole data directory as a tar archive (tests clone databases from it). */
  dump(): Promise<Uint8Array>;
};

type Job = Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const errorKinds: Record<string, typeof DbError> = {
  DbError,
  NotFoundError,
  UniqueViolationError,
  ForeignKeyViolationError,
  ConstraintViolationError,
  ValueTooLongError,
};

/** The error thrown in the database thread, rebuilt here with its kind and fields. */
const rebuild = ({ name, message, code, constraint, table }: ErrorShape): Error => {
  const Kind = errorKinds[name];
  if (Kind) return new Kind(message, { constraint, table, cause: { code } });
  return Object.assign(new Error(message), code ? { code } : {});
};

/** Starts the database thread on `source` and resolves once PGlite is ready. */
export const createPgliteDb = async (source: PgliteSource): Promise<PgliteDb> => {
  const worker = new Worker(new URL('./pglite-thread.ts', import.meta.url), { workerData: source });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const channels = new Map<string, { handlers: Set<ListenHandlers>; listening: Promise<unknown> }>();
  let nextId = 0;
  let stopped: Error | undefined;
  let closing: Promise<void> | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) return resolve();
      if ('failed' in reply) return reject(new Error(reply.failed));
      if ('notify' in reply) {
        for (const handlers of channels.get(reply.notify)?.handlers ?? []) handlers.onNotify(reply.payload);
        return;
      }
      const task = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) task?.resolve(reply.value);
      else task?.reject(rebuild(reply.error));
    });
    const fail = (error: Error) => {
      stopped ??= error;
      reject(error);
      for (const task of pending.values()) task.reject(error);
      pending.clear();
      for (const { handlers } of channels.values()) for (const each of handlers) each.onState(false);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the embedded database thread stopped (exit code ${code})`)));
  });

  const call = <T>(job: Job): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...job, id } as Request);
    });
  };

  const queryable = (tx?: number): Queryable => ({
    query: <T>(query: Sql) => call<QueryResult<T>>({ op: 'query', tx, query: compile(query) }),
    exec: (text: string) => call<void>({ op: 'exec', tx, text }),
  });

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  return {
    kind: 'pglite',
    ...queryable(),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = await call<number>({ op: 'begin' });
      let result: T;
      try {
        result = await fn(queryable(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    listen(channel, handlers) {
      let entry = channels.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), listening: call({ op: 'listen', channel }) };
        channels.set(channel, entry);
      }
      const { handlers: set, listening } = entry;
      set.add(handlers);
      // One process owns an embedded database (see open.ts): notifications cannot be missed.
      listening.then(
        () => handlers.onState(true),
        () => handlers.onState(false),
      );
      return async () => {
        await listening.catch(() => undefined);
        set.delete(handlers);
        if (set.size > 0 || channels.get(channel) !== entry) return;
        channels.delete(channel);
        if (!stopped && !closing) await call({ op: 'unlisten', channel }).catch(() => undefined);
      };
    },
    dump: () => call<Uint8Array>({ op: 'dump' }),
    close() {
      closing ??= (async () => {
        if (!stopped) await call({ op: 'close' }).catch(() => undefined);
        await worker.terminate();
      })();
      return closing;
    },
  };
};
