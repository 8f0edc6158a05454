/**
 * Webhooks end to end: CRUD, events fired by real sign-in flows, signed deliveries to a local
 * receiver, retries after failures and dropped connections, exclusive claims, and SSRF refusal.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import { createPgDb } from '../../src/db/drivers/pg.ts';
import { sql } from '../../src/db/sql.ts';
import { createLogger } from '../../src/logger.ts';
import type { UserInfo } from '../../src/schemas/user.ts';
import { startServer } from '../../src/server.ts';
import { version } from '../../src/version.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { addMockConnectors, lastCode, newRecordFile } from '../support/connectors.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createSpaClient, signInThroughApi } from '../support/sign-in.ts';

type Received = { headers: http.IncomingHttpHeaders; body: string };
type Hook = { id: string; signingKey: string; config: { url: string; retries: number; headers?: object } };

/** A webhook receiver: answers with the queued behaviours, then 200. */
const startReceiver = async () => {
  const received: Received[] = [];
  const behaviours: ('drop' | 'hang' | number)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const behaviour = behaviours.shift() ?? 200;
      if (behaviour === 'drop') req.socket.destroy();
      else if (behaviour === 'hang')
        return; // never answers
      else res.writeHead(behaviour, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    behaviours,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
};

const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('webhooks', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: client.Configuration;
  const recordFile = newRecordFile();

  const authorization = async () => {
    const verifier = client.randomPKCECodeVerifier();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
  };
  const createHook = async (event: string, extra: Record<string, unknown> = {}) => {
    const response = await api.call<Hook>('POST', '/hooks', {
      event,
      config: { url: receiver.url, retries: 0, ...extra },
    });
    assert.equal(response.status, 200, response.text);
    return response.body;
  };

  before(async () => {
    receiver = await startReceiver();
    server = await startTestServer({
      INTEGRATION_TEST: 'true',
      HOOKS_ALLOW_INTERNAL_TARGETS: 'true',
      MOCK_CONNECTOR_RECORD_FILE: recordFile,
    });
    api = managementClient(server.user, devAuth);
    ({ config } = await createSpaClient(server, api, 'http://localhost:3000/callback'));
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it('creates, reads, merges and deletes hooks; refuses non-http(s) URLs and too many retries', async () => {
    for (const body of [
      { event: 'PostSignIn', config: { url: 'ftp://example.com/hook', retries: 0 } },
      { event: 'PostSignIn', config: { url: 'https://example.com/hook', retries: 4 } },
      { event: 'PostLogout', config: { url: 'https://example.com/hook', retries: 0 } },
      { event: 'PostSignIn', tenantId: 'admin', config: { url: 'https://example.com/hook', retries: 0 } },
    ]) {
      const response = await api.call<ErrorBody>('POST', '/hooks', body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    const { body: hook } = await api.call<Hook>('POST', '/hooks', {
      event: 'PostSignIn',
      config: { url: 'https://example.com/hook', retries: 1, headers: { 'x-a': '1' } },
    });
    assert.match(hook.signingKey, /^[\dA-Za-z]{32}$/);
    const merged = await api.call<Hook>('PATCH', `/hooks/${hook.id}`, { config: { retries: 3 } });
    assert.deepEqual(merged.body.config, {
      url: 'https://example.com/hook',
      retries: 3,
      headers: { 'x-a': '1' },
    });
    assert.equal((await api.call<Hook[]>('GET', '/hooks')).body.length, 1);
    assert.equal((await api.call('DELETE', `/hooks/${hook.id}`)).status, 204);
    assert.equal((await api.call('GET', `/hooks/${hook.id}`)).status, 404);
    assert.equal((await api.call('PATCH', `/hooks/${hook.id}`, { event: 'PostSignIn' })).status, 404);
  });

  it('delivers PostRegister and PostSignIn, signed, with Logto’s payload', async () => {
    const register = await createHook('PostRegister', { headers: { 'x-custom': 'yes' } });
    const signIn = await createHook('PostSignIn');
    const password = 'hooked-Password-1';
    await signInThroughApi(createBrowser(), await authorization(), [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'hooked', password } },
      },
    ]);
    await waitFor(() => receiver.received.length >= 1);
    const [delivery] = receiver.received.splice(0);
    const payload = JSON.parse(delivery!.body) as Record<string, unknown> & { user: UserInfo };
    assert.equal(payload.hookId, register.id);
    assert.equal(payload.event, 'PostRegister');
    assert.equal(payload.interactionEvent, 'Register');
    assert.equal(payload.user.username, 'hooked');
    assert.equal(payload.userId, payload.user.id);
    assert.equal((payload.application as { type: string }).type, 'SPA');
    assert.ok(!delivery!.body.includes('password'));
    assert.equal(delivery!.headers['content-type'], 'application/json');
    assert.equal(delivery!.headers['x-custom'], 'yes');
    assert.equal(
      delivery!.headers['logto-signature-sha-256'],
      createHmac('sha256', register.signingKey).update(delivery!.body).digest('hex'),
    );

    await signInThroughApi(createBrowser(), await authorization(), [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'SignIn', identifier: { username: 'hooked', password } },
      },
    ]);
    await waitFor(() => receiver.received.length >= 1);
    const signedIn = JSON.parse(receiver.received.splice(0)[0]!.body) as { hookId: string; event: string };
    assert.deepEqual([signedIn.hookId, signedIn.event], [signIn.id, 'PostSignIn']);
    await waitFor(async () => {
      const { rows } = await server.db.query(sql`select 1 from logs where key = 'TriggerHook.PostSignIn'
        and payload ->> 'result' = 'Success'`);
      return rows.length === 1;
    });
    await api.call('DELETE', `/hooks/${register.id}`);
    await api.call('DELETE', `/hooks/${signIn.id}`);
  });

  it('fires PostResetPassword (Logto 1.0 never did)', async () => {
    const hook = await createHook('PostResetPassword');
    await addMockConnectors(api);
    const email = 'reset-hook@example.com';
    await api.call('POST', '/users', { primaryEmail: email, password: 'old-Password-1' });
    const browser = createBrowser();
    await browser.get(await authorization());
    const send = (method: string, path: string, json?: unknown) =>
      browser.send(`${server.user}/api${path}`, { method, json });
    await send('PUT', '/interaction', { event: 'ForgotPassword' });
    await send('POST', '/interaction/verification/verification-code', { email });
    await send('PATCH', '/interaction/identifiers', { email, verificationCode: lastCode(recordFile).code });
    await send('PUT', '/interaction/profile', { password: 'new-Password-2' });
    assert.equal((await send('POST', '/interaction/submit')).status, 204);
    await waitFor(() => receiver.received.length >= 1);
    const payload = JSON.parse(receiver.received.splice(0)[0]!.body) as { event: string; hookId: string };
    assert.deepEqual([payload.event, payload.hookId], ['PostResetPassword', hook.id]);
    await api.call('DELETE', `/hooks/${hook.id}`);
  });

  it('retries after a dropped connection and a 500, with backoff, and delivers once', async () => {
    const hook = await createHook('PostRegister', { retries: 2 });
    receiver.behaviours.push('drop', 500);
    await signInThroughApi(createBrowser(), await authorization(), [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'retried', password: 'retried-Password-1' } },
      },
    ]);
    await waitFor(() => receiver.received.length >= 3, 15_000);
    const ids = receiver.received.splice(0).map((request) => request.headers['logto-delivery-id']);
    assert.equal(new Set(ids).size, 1, 'one delivery, three attempts');
    // The worker marks it delivered once it has read the receiver's answer.
    const delivery = async () =>
      (
        await server.db.query<{ attempts: number; delivered: boolean }>(sql`select attempts,
          delivered_at is not null as delivered from hook_deliveries where hook_id = ${hook.id}`)
      ).rows;
    await waitFor(async () => (await delivery())[0]?.delivered === true);
    assert.deepEqual(await delivery(), [{ attempts: 3, delivered: true }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(receiver.received.length, 0, 'nothing sent again after success');
    await api.call('DELETE', `/hooks/${hook.id}`);
  });

  it('gives up on a receiver that hangs after 10 s, and tries again', async () => {
    const hook = await createHook('PostSignIn', { retries: 1 });
    receiver.behaviours.push('hang');
    await server.db.query(sql`insert into hook_deliveries (tenant_id, id, hook_id, event, payload, max_attempts)
      values ('default', 'hanging', ${hook.id}, 'PostSignIn', ${{ hookId: hook.id }}, 2)`);
    await waitFor(() => receiver.received.length >= 2, 20_000);
    receiver.received.splice(0);
    const { rows } = await server.db.query<{
      attempts: number;
      last_error: string | null;
    }>(sql`select attempts,
      last_error from hook_deliveries where id = 'hanging'`);
    assert.equal(rows[0]?.attempts, 2);
    await api.call('DELETE', `/hooks/${hook.id}`);
  });

  it('two instances over one database send each delivery once', async () => {
    // PostgreSQL: a second pool, as a second process would have; PGlite: the one database.
    const secondDb = server.db.url
      ? createPgDb(new pg.Pool({ connectionString: server.db.url, max: 3 }))
      : undefined;
    const second = await startServer({
      config: loadConfig({
        PORT: '0',
        ADMIN_PORT: '0',
        LOG_LEVEL: 'silent',
        HOOKS_ALLOW_INTERNAL_TARGETS: 'true',
      }),
      db: secondDb ?? server.db,
      logger: createLogger('silent'),
      version,
    });
    try {
      const hook = await createHook('PostSignIn');
      await server.db.query(sql`insert into hook_deliveries (tenant_id, id, hook_id, event, payload, max_attempts)
        select 'default', 'burst-' || g, ${hook.id}, 'PostSignIn', ${{ hookId: hook.id }}, 1
        from generate_series(1, 60) g`);
      await waitFor(() => receiver.received.length >= 60, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const ids = receiver.received.splice(0).map((request) => request.headers['logto-delivery-id']);
      assert.equal(ids.length, 60, 'no delivery sent twice');
      assert.equal(new Set(ids).size, 60);
      await api.call('DELETE', `/hooks/${hook.id}`);
    } finally {
      await second.close();
      await secondDb?.close();
    }
  });

  it('leaves a delivery another instance has claimed, and takes it over when the claim runs out', async () => {
    const hook = await createHook('PostSignIn');
    await server.db.query(sql`insert into hook_deliveries (tenant_id, id, hook_id, event, payload, max_attempts,
        attempts, claimed_until)
      values ('default', 'claimed-elsewhere', ${hook.id}, 'PostSignIn', ${{ hookId: hook.id }}, 1, 1,
        now() + interval '1 hour')`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(receiver.received.length, 0);
    // The other instance died: its claim expires.
    await server.db.query(sql`update hook_deliveries set claimed_until = now() - interval '1 second', max_attempts = 2
      where id = 'claimed-elsewhere'`);
    await waitFor(() => receiver.received.length === 1);
    assert.equal(receiver.received.splice(0)[0]!.headers['logto-delivery-id'], 'claimed-elsewhere');
    await api.call('DELETE', `/hooks/${hook.id}`);
  });
});

describe('webhooks to internal addresses', () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it('are refused unless HOOKS_ALLOW_INTERNAL_TARGETS is set (SSRF)', async () => {
    const api = managementClient(server.user, devAuth);
    const { body: hook } = await api.call<Hook>('POST', '/hooks', {
      event: 'PostRegister',
      config: { url: receiver.url, retries: 3 },
    });
    const { config } = await createSpaClient(server, api, 'http://localhost:3000/callback');
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
    await signInThroughApi(createBrowser(), url, [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'ssrf', password: 'ssrf-Password-1' } },
      },
    ]);
    await waitFor(async () => {
      const { rows } = await server.db.query(sql`select 1 from hook_deliveries where hook_id = ${hook.id}
        and failed_at is not null and last_error like 'Refused: internal address%'`);
      return rows.length === 1;
    });
    assert.equal(receiver.received.length, 0);
  });
});
