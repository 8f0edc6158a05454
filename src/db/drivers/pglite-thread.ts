/**
 * The embedded database's own thread (pglite-remote.ts says why). It opens PGlite from a data
 * folder, from a dump (tests) or in memory, and answers the main thread's messages: queries,
 * transactions held open across messages, notifications, a dump, and closing.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { QueryResult } from '../driver.ts';
import { translateError } from '../errors.ts';
import type { CompiledQuery } from '../sql.ts';

/** What the thread opens: a data folder, a dump file to load, or (neither) an empty memory database. */
export type PgliteSource = { dataDir?: string; dumpFile?: string };

export type Request = { id: number } & (
  | { op: 'query'; tx?: number; query: CompiledQuery }
  | { op: 'exec'; tx?: number; text: string }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; channel: string }
  | { op: 'dump' }
  | { op: 'close' }
);

/** An error as it crosses threads: its class name and the fields the database layer reads. */
export type ErrorShape = {
  name: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
};

export type Reply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: ErrorShape }
  | { notify: string; payload: string }
  | { ready: true }
  | { failed: string };

const port = parentPort;
if (!port) throw new Error('pglite-thread.ts runs as a worker thread');
const send = (reply: Reply) => port.postMessage(reply);

const field = (from: unknown, key: string): string | undefined => {
  const value =
    typeof from === 'object' && from !== null ? (from as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

const shape = (error: unknown): ErrorShape => {
  // A translated error (errors.ts) keeps PGlite's own, with the SQLSTATE, as its cause.
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return {
    name: field(error, 'name') ?? 'Error',
    message: field(error, 'message') ?? String(error),
    code: field(error, 'code') ?? field(cause, 'code'),
    constraint: field(error, 'constraint'),
    table: field(error, 'table'),
  };
};

type PGliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

const runQuery = async (
  target: PGliteLike,
  { text, values }: CompiledQuery,
): Promise<QueryResult<unknown>> => {
  try {
    const result = await target.query(text, values);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  } catch (error) {
    throw translateError(error);
  }
};

const runExec = async (target: PGliteLike, text: string): Promise<void> => {
  try {
    await target.exec(text);
  } catch (error) {
    throw translateError(error);
  }
};

/** An open transaction: its handle, how to end it, and the end (commit or rollback) itself. */
type Open = { tx: Transaction; end(commit: boolean): void; done: Promise<void> };
const rollback = Symbol('rollback');

const source = workerData as PgliteSource;
let pglite: PGlite;
try {
  pglite = source.dumpFile
    ? new PGlite({ loadDataDir: new Blob([fs.readFileSync(source.dumpFile)]) })
    : new PGlite(source.dataDir);
  await pglite.waitReady;
} catch (error) {
  send({ failed: (error as Error).message || 'corrupt data' });
  process.exit(1);
}
const transactions = new Map<number, Open>();
const listeners = new Map<string, Promise<() => Promise<void>>>();
let nextTx = 1;

const begin = () =>
  new Promise<number>((started, failed) => {
    const id = nextTx++;
    let end: (commit: boolean) => void = () => undefined;
    const ended = new Promise<void>((resolve, reject) => {
      end = (commit) => (commit ? resolve() : reject(rollback));
    });
    const done = pglite
      .transaction(async (tx) => {
        transactions.set(id, { tx, end, done });
        started(id);
        await ended;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error !== rollback) throw error;
        },
      )
      .finally(() => transactions.delete(id));
    done.catch(failed);
  });

const target = (tx: number | undefined): PGliteLike => {
  if (tx === undefined) return pglite;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
};

const handle = async (request: Request): Promise<unknown> => {
  switch (request.op) {
    case 'query':
      return runQuery(target(request.tx), request.query);
    case 'exec':
      return runExec(target(request.tx), request.text);
    case 'begin':
      return begin();
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      open.end(request.commit);
      return open.done;
    }
    case 'listen': {
      const { channel } = request;
      const stop = pglite.listen(channel, (payload) => send({ notify: channel, payload }));
      listeners.set(channel, stop);
      await stop;
      return undefined;
    }
    case 'unlisten': {
      const stop = listeners.get(request.channel);
      listeners.delete(request.channel);
      if (stop && !pglite.closed) await (await stop)();
      return undefined;
    }
    case 'dump':
      return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    case 'close':
      if (!pglite.closed) await pglite.close();
      return undefined;
  }
};

port.on('message', (request: Request) => {
  handle(request).then(
    (value) => send({ id: request.id, ok: true, value }),
    (error: unknown) => send({ id: request.id, ok: false, error: shape(error) }),
  );
});
send({ ready: true });
