/**
 * One password-hashing thread of the pool in passwords.ts. It lowers its own scheduling priority
 * first (on Linux the nice value belongs to the thread), so hashing only takes the CPU time the
 * event loop, the database and the rest of the machine leave free.
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { hashSync, type Options, verifySync } from '@node-rs/argon2';

export type PasswordJob =
  | { op: 'hash'; password: string; options: Options }
  | { op: 'verify'; password: string; hash: string };
export type PasswordTask = PasswordJob & { id: number };
export type PasswordReply = { id: number; value?: string | boolean; error?: string };

try {
  os.setPriority(10);
} catch {
  // Some platforms refuse; hashing still works, at normal priority.
}

parentPort?.on('message', (task: PasswordTask) => {
  let reply: PasswordReply;
  try {
    const value =
      task.op === 'hash' ? hashSync(task.password, task.options) : verifySync(task.hash, task.password);
    reply = { id: task.id, value };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
