import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { authorizationRequest, createSpaClient, signIn } from '../support/sign-in.ts';
import { createUser } from '../support/users.ts';

type CountDelta = { count: number; delta: number };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('/api/dashboard', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('counts all users and new users by UTC day', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 6; index++) ids.push((await createUser(server)).id);
    // Two today, one yesterday, one 3 days ago, one 8 days ago, one 20 days ago.
    const ages = [0, 0, 1, 3, 8, 20];
    for (const [index, id] of ids.entries()) {
      await server.db.query(sql`update users set created_at = now() - make_interval(days => ${ages[index]!})
        where id = ${id}`);
    }
    const total = await api.call<{ totalUserCount: number }>('GET', '/dashboard/users/total');
    assert.deepEqual(total.body, { totalUserCount: 6 });
    const fresh = await api.call<{ today: CountDelta; last7Days: CountDelta }>('GET', '/dashboard/users/new');
    assert.deepEqual(fresh.body, {
      today: { count: 2, delta: 1 },
      last7Days: { count: 4, delta: 3 },
    });
  });

  it('counts users who obtained tokens: a real sign-in, and earlier days from the log', async () => {
    const { config } = await createSpaClient(server, api, 'http://localhost:3000/callback');
    const user = await createUser(server);
    const { url, verifier } = await authorizationRequest(config, {
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid',
    });
    await client.authorizationCodeGrant(config, await signIn(createBrowser(), url, user), {
      pkceCodeVerifier: verifier,
    });

    const exchange = (userId: string, daysAgo: number, result = 'Success') =>
      server.db.query(sql`insert into logs (tenant_id, id, key, payload, created_at)
        values ('default', ${`l${Math.random().toString(36).slice(2)}`}, 'ExchangeTokenBy.RefreshToken',
          ${{ userId, result }}, now() - make_interval(days => ${daysAgo}))`);
    await exchange('a', 1);
    await exchange('b', 1);
    await exchange('b', 1);
    await exchange('c', 10);
    await exchange('d', 40);
    await exchange('e', 0, 'Error');

    type Active = {
      dauCurve: { date: string; count: number }[];
      dau: CountDelta;
      wau: CountDelta;
      mau: CountDelta;
    };
    let active: Active | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      active = (await api.call<Active>('GET', '/dashboard/users/active')).body;
      if (active.dau.count > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    assert.equal(active!.dauCurve.length, 30);
    assert.equal(active!.dauCurve.at(-1)?.date, day(0));
    assert.deepEqual(active!.dau, { count: 1, delta: -1 }, 'the real sign-in today, a and b yesterday');
    assert.deepEqual(active!.wau, { count: 3, delta: 2 });
    assert.deepEqual(active!.mau, { count: 4, delta: 3 });
    assert.equal(active!.dauCurve.at(-2)?.count, 2);

    const past = await api.call<Active>('GET', `/dashboard/users/active?date=${day(-1)}`);
    assert.deepEqual(past.body.dau, { count: 2, delta: 2 });
    const bad = await api.call<ErrorBody>('GET', '/dashboard/users/active?date=yesterday');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'guard.invalid_input');
  });
});
