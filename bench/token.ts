/**
 * Client-credentials token issuance, side by side in one run: Latch on PGlite, Latch on PostgreSQL
 * (when reachable) and a bare oidc-provider with the in-memory adapter (the ceiling). Each server
 * is a child process; this process only generates load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type LoadResult, load } from './load.ts';

const root = path.resolve(import.meta.dirname, '..');
const resource = 'https://default.logto.app/api';
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const pgAdminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const readLine = (child: ChildProcess, match: string) =>
  new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.includes(match));
      if (line) resolve(line);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });

const tokenLoad = (tokenUrl: string, clientId: string, secret: string, scope: string) => {
  const authorization = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const body = new URLSearchParams({ grant_type: 'client_credentials', resource, scope }).toString();
  return load(
    async () => {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      await response.arrayBuffer();
      return response.status === 200;
    },
    { concurrency, durationMs },
  );
};

const waitForStatus = async (base: string, child: ChildProcess) => {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`Latch exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/status`).then(
      (r) => r.status === 204,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Latch did not become ready');
};

const benchLatch = async (env: Record<string, string>): Promise<LoadResult> => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    // Access logs at info would measure the pipe to this process; warn keeps the server's own cost.
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      ADMIN_PORT: String(port + 1),
      LOG_LEVEL: 'warn',
      INTEGRATION_TEST: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://localhost:${port}`;
    await waitForStatus(base, child);
    const headers = { 'development-user-id': 'bench', 'content-type': 'application/json' };
    const app = (await (
      await fetch(`${base}/api/applications`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'bench', type: 'MachineToMachine' }),
      })
    ).json()) as { id: string; secret: string };
    await fetch(`${base}/api/applications/${app.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ isAdmin: true }),
    });
    return await tokenLoad(`${base}/oidc/token`, app.id, app.secret, 'all');
  } finally {
    child.kill('SIGTERM');
  }
};

const benchCeiling = async (): Promise<LoadResult> => {
  const child = spawn(process.execPath, ['bench/ceiling-server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const { port } = JSON.parse(await readLine(child, '"port"')) as { port: number };
    return await tokenLoad(
      `http://localhost:${port}/oidc/token`,
      'bench',
      'bench-secret-bench-secret',
      'all',
    );
  } finally {
    child.kill('SIGTERM');
  }
};

const withPostgres = async <T>(fn: (url: string) => Promise<T>): Promise<T | undefined> => {
  const name = `latch_bench_${process.pid}`;
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

export const runTokenBenchmark = async () => {
  console.log(
    `token issuance (client_credentials, ES384 JWT), ${concurrency} connections, ${durationMs / 1000} s each`,
  );
  const results: [string, LoadResult | undefined][] = [];
  results.push(['ceiling: bare oidc-provider, memory', await benchCeiling()]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-bench-'));
  try {
    results.push(['Latch on PGlite', await benchLatch({ DATA_DIR: dataDir })]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  results.push(['Latch on PostgreSQL', await withPostgres((url) => benchLatch({ DB_URL: url }))]);
  const ceiling = results[0]?.[1]?.rps ?? Number.NaN;
  console.log('\n| server | tokens/s | p50 ms | p99 ms | errors | of ceiling |\n|---|---|---|---|---|---|');
  for (const [name, result] of results) {
    if (!result) {
      console.log(`| ${name} | (PostgreSQL not reachable) | | | | |`);
      continue;
    }
    console.log(
      `| ${name} | ${result.rps.toFixed(0)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.errors} | ${((result.rps / ceiling) * 100).toFixed(0)} % |`,
    );
  }
};
