/**
 * Client-credentials token issuance, side by side in one run: Latch on PGlite, Latch on PostgreSQL
 * (when reachable) and a bare oidc-provider with the in-memory adapter (the ceiling). Each server
 * is a child process; this process only generates load.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startLatch, withDataDir, withPostgres } from './latch.ts';
import { type LoadResult, load } from './load.ts';

const root = path.resolve(import.meta.dirname, '..');
const resource = 'https://default.logto.app/api';
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);

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

const benchLatch = async (env: Record<string, string>): Promise<LoadResult> => {
  const latch = await startLatch(env);
  try {
    const headers = { 'development-user-id': 'bench', 'content-type': 'application/json' };
    const app = (await (
      await fetch(`${latch.base}/api/applications`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'bench', type: 'MachineToMachine' }),
      })
    ).json()) as { id: string; secret: string };
    await fetch(`${latch.base}/api/applications/${app.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ isAdmin: true }),
    });
    return await tokenLoad(`${latch.base}/oidc/token`, app.id, app.secret, 'all');
  } finally {
    await latch.stop();
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

export const runTokenBenchmark = async () => {
  console.log(
    `token issuance (client_credentials, ES384 JWT), ${concurrency} connections, ${durationMs / 1000} s each`,
  );
  const results: [string, LoadResult | undefined][] = [];
  results.push(['ceiling: bare oidc-provider, memory', await benchCeiling()]);
  results.push(['Latch on PGlite', await withDataDir((dataDir) => benchLatch({ DATA_DIR: dataDir }))]);
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
