/**
 * Webhook delivery, on PostgreSQL: a burst of queued deliveries (as events would write them) sent
 * to a local receiver — deliveries/s and the delay from queueing to arrival (p50/p99) — and then
 * the same with the server killed (-9) in the middle of the burst and started again: every
 * delivery must arrive; repeats (sent, but not yet marked sent when the process died) are counted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startLatch, withPostgres } from './latch.ts';

const burst = Number(process.env.BENCH_HOOK_EVENTS ?? 2000);

const startReceiver = async () => {
  const arrivals = new Map<string, number>();
  const delays: number[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      requests++;
      const id = String(req.headers['logto-delivery-id']);
      if (!arrivals.has(id))
        delays.push(Date.now() - Date.parse((JSON.parse(body) as { createdAt: string }).createdAt));
      arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    delays,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

const queue = async (url: string, hookId: string, count: number, prefix: string) => {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `insert into hook_deliveries (tenant_id, id, hook_id, event, payload, max_attempts)
     select 'default', $2::text || g::text, $1::text, 'PostSignIn',
       jsonb_build_object('hookId', $1::text, 'event', 'PostSignIn', 'createdAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), 4
     from generate_series(1, $3::int) g`,
      [hookId, prefix, count],
    );
  } finally {
    await db.end();
  }
};

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

export const runHookBenchmark = async () => {
  console.log(`webhook delivery: ${burst} queued deliveries to a local receiver, Latch on PostgreSQL`);
  const result = await withPostgres(async (url) => {
    const receiver = await startReceiver();
    const env = { DB_URL: url, HOOKS_ALLOW_INTERNAL_TARGETS: 'true' };
    let latch = await startLatch(env);
    try {
      const hook = (await (
        await fetch(`${latch.base}/api/hooks`, {
          method: 'POST',
          headers: { 'development-user-id': 'bench', 'content-type': 'application/json' },
          body: JSON.stringify({ event: 'PostSignIn', config: { url: receiver.url, retries: 3 } }),
        })
      ).json()) as { id: string };

      const started = Date.now();
      await queue(url, hook.id, burst, 'a');
      await waitFor(() => receiver.arrivals.size >= burst, 120_000);
      const seconds = (Date.now() - started) / 1000;
      const steady = {
        perSecond: receiver.arrivals.size / seconds,
        p50: percentile(receiver.delays, 0.5),
        p99: percentile(receiver.delays, 0.99),
      };

      // kill -9 in the middle of a second burst, then start again on the same database.
      receiver.arrivals.clear();
      const requestsBefore = receiver.requests();
      await queue(url, hook.id, burst, 'b');
      await waitFor(() => receiver.arrivals.size >= burst / 4, 60_000);
      await latch.kill();
      const atKill = receiver.arrivals.size;
      latch = await startLatch(env);
      const complete = await waitFor(() => receiver.arrivals.size >= burst, 120_000);
      const repeats = receiver.requests() - requestsBefore - receiver.arrivals.size;
      return { steady, atKill, delivered: receiver.arrivals.size, complete, repeats };
    } finally {
      await latch.stop();
      await receiver.close();
    }
  });
  if (!result) {
    console.log('PostgreSQL not reachable');
    return;
  }
  console.log(`
| measure | value |
|---|---|
| deliveries/s (steady burst) | ${result.steady.perSecond.toFixed(0)} |
| delay queued → received, p50 / p99 | ${result.steady.p50} / ${result.steady.p99} ms |
| kill -9 after | ${result.atKill} of ${burst} delivered |
| delivered after restart | ${result.delivered} of ${burst}${result.complete ? '' : ' (INCOMPLETE)'} |
| sent twice (in flight at the kill) | ${result.repeats} |`);
};
