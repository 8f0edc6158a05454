/** Runs `src/main.ts` as a real child process, as `npm start` does, and reads its log lines. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export type LatchProcess = {
  child: ChildProcess;
  /** Resolves with the URLs and time to ready from the "ready" log line; rejects if it exits first. */
  ready: Promise<{ user: string; admin: string; readyMs: number }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
};

const root = path.resolve(import.meta.dirname, '../..');

export const spawnLatch = (env: Record<string, string>): LatchProcess => {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<{ user: string; admin: string; readyMs: number }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        if (!line.includes('"readyMs"')) continue;
        const entry = JSON.parse(line) as { urls: { user: string; admin: string }; readyMs: number };
        resolve({ ...entry.urls, readyMs: entry.readyMs });
      }
    });
    void exited.then(({ code }) => reject(new Error(`latch exited (${code}) before ready: ${err}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, stdout: () => out, stderr: () => err };
};
