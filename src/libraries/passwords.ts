/**
 * Password hashing: Argon2id with OWASP's parameters (19 MiB, 2 passes), computed by
 * @node-rs/argon2 on a pool of worker threads (one per core) that run at a lower scheduling
 * priority: the event loop never waits on a hash, and under load request handling and the
 * database get the CPU first while hashes take what is left. Hashes Logto made (Argon2i, 4 MiB,
 * 256 passes; spec §13) and any other Argon2 variant verify from their PHC string, and are
 * replaced by an Argon2id hash at the next successful sign-in.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Options } from '@node-rs/argon2';
import type { PasswordJob, PasswordReply, PasswordTask } from './password-worker.ts';

type Pending = { resolve(value: string | boolean): void; reject(error: Error): void };
type Thread = { worker: Worker; pending: Map<number, Pending> };

const threads: Thread[] = [];
let nextTaskId = 0;

const startThread = (): Thread => {
  const worker = new Worker(new URL('./password-worker.ts', import.meta.url));
  const thread: Thread = { worker, pending: new Map() };
  worker.unref();
  worker.on('message', ({ id, value, error }: PasswordReply) => {
    const task = thread.pending.get(id);
    thread.pending.delete(id);
    // An idle pool must not keep a process (a CLI command, a test) alive.
    if (thread.pending.size === 0) worker.unref();
    if (error !== undefined || value === undefined) task?.reject(new Error(error ?? 'no result'));
    else task?.resolve(value);
  });
  const fail = (error: Error) => {
    threads.splice(threads.indexOf(thread), 1);
    for (const task of thread.pending.values()) task.reject(error);
    thread.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (threads.includes(thread)) fail(new Error(`password thread exited with ${code}`));
  });
  threads.push(thread);
  return thread;
};

/** Sends a task to the least busy thread, starting threads up to one per core. */
const run = (job: PasswordJob): Promise<string | boolean> => {
  let thread = threads.reduce<Thread | undefined>(
    (best, candidate) => (!best || candidate.pending.size < best.pending.size ? candidate : best),
    undefined,
  );
  if (!thread || (thread.pending.size > 0 && threads.length < os.availableParallelism()))
    thread = startThread();
  const id = nextTaskId++;
  const { worker, pending } = thread;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ ...job, id } satisfies PasswordTask);
  });
};

const hash = async (password: string, options: Options) =>
  (await run({ op: 'hash', password, options })) as string;
const verify = async (hashed: string, password: string) =>
  (await run({ op: 'verify', password, hash: hashed })) as boolean;

export const passwordEncryptionMethod = 'Argon2id';

const argon2Methods = new Set(['Argon2i', 'Argon2id', 'Argon2d']);

const owasp = {
  // Algorithm.Argon2id: the package's const enum cannot be imported under verbatimModuleSyntax.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const currentPrefix = `$argon2id$v=19$m=${owasp.memoryCost},t=${owasp.timeCost},p=${owasp.parallelism}$`;

export const hashPassword = (password: string): Promise<string> => hash(password, owasp);

/** Whether a stored hash should be replaced by one with the current parameters. */
export const needsRehash = (encrypted: string, method: string | null) =>
  method !== passwordEncryptionMethod || !encrypted.startsWith(currentPrefix);

let decoy: Promise<string> | undefined;

/**
 * Checks `password` against a stored hash. Without one (unknown user, or a user without a
 * password) it verifies against a decoy hash, so the answer takes as long either way and
 * timing does not tell which accounts exist.
 */
export const verifyPassword = async (
  password: string,
  stored: { encrypted: string | null; method: string | null } | undefined,
): Promise<boolean> => {
  if (!stored?.encrypted || !stored.method || !argon2Methods.has(stored.method)) {
    decoy ??= hashPassword('decoy password for absent accounts');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored.encrypted, password).catch(() => false);
};
