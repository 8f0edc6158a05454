/**
 * Latch as a benchmark target: a child process on random ports, over PGlite (a fresh data
 * folder) or over a fresh PostgreSQL database, with warn-level logs (access logs at info would
 * measure the pipe to this process). An event-loop probe reports the server's loop delay at exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const pgAdminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type LoopDelay = { p50: number; p99: number; max: number };
export type RunningLatch = {
  base: string;
  pid: number;
  /** Starts the event-loop measurement over (call it when setup is done). */
  resetLoopDelay(): void;
  /** Ends the process at once (SIGKILL): nothing is flushed or closed. */
  kill(): Promise<void>;
  stop(): Promise<LoopDelay | undefined>;
};

const waitForStatus = async (base: string, child: ChildProcess) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`Latch exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/status`).then(
      (response) => response.status === 204,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Latch did not become ready');
};

/** Starts Latch (or, with `script`, another server that behaves alike: `PORT`, `/api/status`). */
export const startLatch = async (
  env: Record<string, string>,
  { script = 'src/main.ts', args = [] as string[] } = {},
): Promise<RunningLatch> => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // BENCH_CPU_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', './bench/loop-probe.ts', script, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ADMIN_PORT: String(port + 1),
      LOG_LEVEL: 'warn',
      INTEGRATION_TEST: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const base = `http://localhost:${port}`;
  await waitForStatus(base, child);
  return {
    base,
    pid: child.pid ?? 0,
    resetLoopDelay: () => child.kill('SIGUSR2'),
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
        child.once('exit', () => {
          const line = stderr.split('\n').find((candidate) => candidate.startsWith('{"loopDelay"'));
          if (!line && stderr.trim()) process.stderr.write(stderr);
          resolve(line ? (JSON.parse(line) as { loopDelay: LoopDelay }).loopDelay : undefined);
        });
        child.kill('SIGTERM');
      }),
  };
};

/** Runs `fn` with a fresh PostgreSQL database URL; undefined when PostgreSQL is not reachable. */
export const withPostgres = async <T>(fn: (url: string) => Promise<T>): Promise<T | undefined> => {
  const name = `latch_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  await admin.query(`create database "${name}"`);
  try {
    const url = new URL(pgAdminUrl);
    url.pathname = `/${name}`;
    return await fn(url.href);
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

/** Runs `fn` with a fresh embedded data folder, removed afterwards. */
export const withDataDir = async <T>(fn: (dataDir: string) => Promise<T>): Promise<T> => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-bench-'));
  try {
    return await fn(dataDir);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
