/**
 * A full authorization-code sign-in with a password, as an SDK and a sign-in page perform it:
 * `/oidc/auth` → `PUT /api/interaction` (the password check) → submit → consent → code → tokens.
 * Many users sign in at once against Latch on PGlite and on PostgreSQL; in the same run, the bound
 * set by password hashing alone (Argon2id verifications per second with the same parameters on
 * the same cores, nothing else running). The server's event-loop delay is reported too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../src/libraries/passwords.ts';
import { type CpuShare, measureCpu } from './cpu.ts';
import { type Reply, request } from './http-client.ts';
import { type LoopDelay, startLatch, withDataDir, withPostgres } from './latch.ts';
import { type LoadResult, load } from './load.ts';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const userCount = 64;
const password = 'bench-Password-1';
const redirectUri = 'http://localhost:3000/callback';

type Measured = LoadResult & { probed?: CpuShare };

/** Hash verifications per second: `concurrency` at a time, on Latch's own hashing threads. */
const hashingBound = async (): Promise<Measured> => {
  const stored = { encrypted: await hashPassword(password), method: 'Argon2id' };
  return load(
    () => verifyPassword(password, stored),
    { concurrency, durationMs },
    () => measureCpu(process.pid),
  );
};

type Jar = Map<string, string>;
const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
const keep = (jar: Jar, reply: Reply) => {
  for (const header of reply.headers['set-cookie'] ?? []) {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
};

/** One sign-in as a browser and an SDK make it: cookies kept, redirects read, not followed. */
export const signIn = async (base: string, clientId: string, username: string) => {
  const jar: Jar = new Map();
  const go = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    const reply = await request(new URL(url, base), {
      ...init,
      headers: { ...init.headers, cookie: cookieHeader(jar) },
    });
    keep(jar, reply);
    return reply;
  };
  const json = (method: string, path: string, body?: unknown) =>
    go(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const redirectOf = (reply: Reply) => (JSON.parse(reply.body) as { redirectTo: string }).redirectTo;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const auth = new URL('/oidc/auth', base);
  for (const [key, value] of Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'consent',
  }))
    auth.searchParams.set(key, value);
  await go(auth.href);
  const put = await json('PUT', '/api/interaction', { event: 'SignIn', identifier: { username, password } });
  if (put.status !== 204) return false;
  const submit = await json('POST', '/api/interaction/submit');
  if (submit.status !== 200) return false;
  await go(redirectOf(submit));
  const consent = await json('POST', '/api/interaction/consent');
  if (consent.status !== 200) return false;
  const back = await go(redirectOf(consent));
  const code = new URL(back.headers.location ?? '', base).searchParams.get('code');
  if (!code) return false;
  const token = await request(new URL('/oidc/token', base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }).toString(),
  });
  return token.status === 200 && JSON.parse(token.body).id_token !== undefined;
};

const benchLatch = async (env: Record<string, string>): Promise<[Measured, LoopDelay | undefined]> => {
  const latch = await startLatch(env);
  let result: Measured;
  try {
    const headers = { 'development-user-id': 'bench', 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) =>
      (
        await fetch(`${latch.base}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      ).json();
    const app = (await post('/applications', {
      name: 'bench',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: [redirectUri], postLogoutRedirectUris: [] },
    })) as { id: string };
    const usernames = Array.from({ length: userCount }, (_, index) => `bench_${index}`);
    for (const username of usernames) await post('/users', { username, password });
    let next = 0;
    latch.resetLoopDelay();
    result = await load(
      () => signIn(latch.base, app.id, usernames[next++ % usernames.length]!),
      { concurrency, durationMs },
      () => measureCpu(latch.pid),
    );
  } catch (error) {
    await latch.stop();
    throw error;
  }
  return [result, await latch.stop()];
};

/** The same sign-ins against a bare oidc-provider in memory (login-ceiling-server.ts). */
const benchCeiling = async (): Promise<[Measured, LoopDelay | undefined]> => {
  const server = await startLatch(
    {},
    { script: 'bench/login-ceiling-server.ts', args: [password, redirectUri, String(userCount)] },
  );
  let result: Measured;
  try {
    let next = 0;
    server.resetLoopDelay();
    result = await load(
      () => signIn(server.base, 'bench', `bench_${next++ % userCount}`),
      { concurrency, durationMs },
      () => measureCpu(server.pid),
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return [result, await server.stop()];
};

export const runLoginBenchmark = async () => {
  console.log(
    `password sign-in (authorization code + PKCE, Argon2id m=19456 t=2), ${concurrency} concurrent users, ${durationMs / 1000} s each`,
  );
  // This machine's speed drifts (shared host): the bound is measured first and last, and each
  // row is compared with their mean; far-apart values say the run is not to be trusted.
  const before = await hashingBound();
  const rows: [string, Measured | undefined, LoopDelay | undefined][] = [
    ['bound: Argon2id verifications alone (first)', before, undefined],
  ];
  rows.push(['ceiling: bare oidc-provider in memory, same hashing', ...(await benchCeiling())]);
  const pglite = await withDataDir((dataDir) => benchLatch({ DATA_DIR: dataDir }));
  rows.push(['Latch on PGlite', ...pglite]);
  const postgres = await withPostgres((url) => benchLatch({ DB_URL: url }));
  rows.push(['Latch on PostgreSQL', postgres?.[0], postgres?.[1]]);
  const after = await hashingBound();
  rows.push(['bound: Argon2id verifications alone (last)', after, undefined]);
  const bound = { rps: (before.rps + after.rps) / 2 };
  console.log(
    '\n| server | logins/s | p50 ms | p99 ms | errors | of bound | loop delay p99 / max ms |\n|---|---|---|---|---|---|---|',
  );
  for (const [name, result, loop] of rows) {
    if (!result) {
      console.log(`| ${name} | (PostgreSQL not reachable) | | | | | |`);
      continue;
    }
    const share = `${((result.rps / bound.rps) * 100).toFixed(0)} %`;
    const delay = loop ? `${loop.p99} / ${loop.max}` : '';
    console.log(
      `| ${name} | ${result.rps.toFixed(1)} | ${result.p50.toFixed(0)} | ${result.p99.toFixed(0)} | ${result.errors} | ${share} | ${delay} |`,
    );
  }
  // Where the two cores went, per sign-in (for the bound: per verification, all in this process).
  console.log(
    '\n| CPU ms per sign-in | server (all threads) | server event loop | PostgreSQL | load generator | idle |\n|---|---|---|---|---|---|',
  );
  for (const [name, result] of rows) {
    const cpu = result?.probed;
    if (!result || !cpu) continue;
    const per = (ms: number) => (ms / Math.max(1, result.requests)).toFixed(1);
    const isBound = result === before || result === after;
    console.log(
      `| ${name} | ${per(cpu.server)} | ${isBound ? '' : per(cpu.serverLoop)} | ${per(cpu.postgres)} | ${isBound ? '(same process)' : per(cpu.generator)} | ${per(cpu.idle)} |`,
    );
  }
};
