/**
 * The embedded database's own thread (pglite-remote.ts says why). It opens PGlite from a data
 * folder, from a dump (tests) or in memory, and answers the main thread's messages: queries,
 * transactions held open across messages, notifications, a dump, and closing.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite';
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

/**
 * Statements run as named prepared statements, as on PostgreSQL (pg.ts): PGlite's `query()`
 * parses, plans and describes every statement, in five calls into the WebAssembly module; a
 * prepared one is bound and run in one (a provider lookup: ~260 µs → ~60 µs). Results go through
 * PGlite's own parsers, so rows come back exactly as `query()` returns them. Texts past
 * `maxNamed` run through `query()`, as does a statement whose table changed shape under it.
 */
const maxNamed = 2000;
type Prepared = { name: string; paramTypes: number[] };
const prepared = new Map<string, Prepared>();
const { serialize } = protocol;

const frame = (...messages: Uint8Array[]) => {
  const out = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let offset = 0;
  for (const message of messages) {
    out.set(message, offset);
    offset += message.length;
  }
  return out;
};

let nextName = 0;

const prepare = async (text: string): Promise<Prepared | undefined> => {
  const known = prepared.get(text);
  if (known || prepared.size >= maxNamed) return known;
  const name = `latch_${nextName++}`;
  const { messages } = await pglite.execProtocol(
    frame(
      serialize.parse({ name, text, types: [] }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ),
    { syncToFs: false },
  );
  const parameters = messages.find((message) => message.name === 'parameterDescription') as
    | { dataTypeIDs: number[] }
    | undefined;
  const statement = { name, paramTypes: parameters?.dataTypeIDs ?? [] };
  prepared.set(text, statement);
  return statement;
};

const runPrepared = async (
  { name, paramTypes }: Prepared,
  values: unknown[],
  inTransaction: boolean,
): Promise<QueryResult<unknown>> => {
  const bound = values.map((value, index) => {
    if (value === null || value === undefined) return null;
    const serializer = pglite.serializers[paramTypes[index] ?? 0];
    return serializer ? serializer(value) : String(value);
  });
  const { messages } = await pglite.execProtocol(
    frame(
      serialize.bind({ statement: name, values: bound }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ),
    { syncToFs: !inTransaction },
  );
  const [result] = parse.parseResults(messages, pglite.parsers);
  const rows = result?.rows ?? [];
  return { rows, rowCount: result?.affectedRows ?? rows.length };
};

const isStalePlan = (error: unknown) =>
  field(error, 'code') === '0A000' && String(field(error, 'message')).includes('cached plan');

/**
 * One statement, prepared when it can be. PGlite's own locks are taken as `query()` takes them:
 * outside a transaction it waits for any open one to end; inside, it runs on that transaction.
 */
const runStatement = async (query: CompiledQuery, tx: Transaction | undefined) => {
  try {
    const statement = prepared.get(query.text) ?? (await exclusive(tx, () => prepare(query.text)));
    if (statement) return await exclusive(tx, () => runPrepared(statement, query.values, tx !== undefined));
  } catch (error) {
    if (!isStalePlan(error)) throw translateError(error);
    prepared.delete(query.text);
  }
  return runQuery(tx ?? pglite, query);
};

const exclusive = <T>(tx: Transaction | undefined, fn: () => Promise<T>): Promise<T> =>
  tx ? pglite._runExclusiveQuery(fn) : pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(fn));

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

const openTransaction = (tx: number | undefined): Transaction | undefined => {
  if (tx === undefined) return undefined;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
};

const handle = async (request: Request): Promise<unknown> => {
  switch (request.op) {
    case 'query':
      return runStatement(request.query, openTransaction(request.tx));
    case 'exec':
      return runExec(openTransaction(request.tx) ?? pglite, request.text);
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
