/**
 * Token issuance reads clients, resources and role scopes from a per-instance cache. These tests
 * run two Latch instances over one database and check that a change made through either one is
 * what the other issues next — including after the change-notification connection was cut.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/driver.ts';
import { createPgDb } from '../../src/db/drivers/pg.ts';
import { sql } from '../../src/db/sql.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { version } from '../../src/version.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { testEnv } from '../support/env.ts';
import { request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { authorizationRequest, createSpaClient, signIn } from '../support/sign-in.ts';
import { createUser } from '../support/users.ts';

const managementApi = 'https://default.logto.app/api';

const tokenScope = async (base: string, clientId: string, secret: string) => {
  const response = await request<{ access_token: string }>(`${base}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: managementApi, scope: 'all' }),
  });
  assert.equal(response.status, 200, response.text);
  return decodeJwt(response.body.access_token).scope;
};

/** Polls until `read` returns `expected`: another instance learns of a change asynchronously. */
const eventually = async <T>(read: () => Promise<T>, expected: T, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  assert.equal(last, expected);
};

describe(`config cache across instances (${testEnv.dbKind})`, () => {
  let first: TestServer;
  let second: RunningServer;
  let secondDb: Db;
  let secondBase: string;
  let api: ReturnType<typeof managementClient>;

  before(async () => {
    first = await startTestServer({ INTEGRATION_TEST: 'true' });
    // PostgreSQL: a second pool, as a second process would have. PGlite is one process's database,
    // so the second instance shares it (and its notifications) as a second app in that process.
    secondDb = first.db.url
      ? createPgDb(new pg.Pool({ connectionString: first.db.url, max: 3 }))
      : { ...first.db, close: async () => undefined };
    const config = loadConfig({ PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'silent', INTEGRATION_TEST: 'true' });
    second = await startServer({ config, db: secondDb, logger: createLogger('silent'), version });
    secondBase = second.urls.user.origin;
    api = managementClient(first.user, devAuth);
  });
  after(async () => {
    await second.close();
    await secondDb.close();
    await first.close();
  });

  it('a write through one instance is the next token of that instance and, moments later, of the other', async () => {
    const { body: app } = await api.createApplication({ name: 'robot', type: 'MachineToMachine' });
    await api.patchApplication(app.id, { isAdmin: true });
    assert.equal(await tokenScope(first.user, app.id, app.secret), 'all');
    assert.equal(await tokenScope(secondBase, app.id, app.secret), 'all');

    await api.patchApplication(app.id, { isAdmin: false });
    // Same instance: synchronously.
    assert.equal(await tokenScope(first.user, app.id, app.secret), undefined);
    await eventually(() => tokenScope(secondBase, app.id, app.secret), undefined);

    // And the other way round: a write through the second instance.
    const secondApi = managementClient(secondBase, devAuth);
    assert.equal((await secondApi.patchApplication(app.id, { isAdmin: true })).status, 200);
    assert.equal(await tokenScope(secondBase, app.id, app.secret), 'all');
    await eventually(() => tokenScope(first.user, app.id, app.secret), 'all');
  });

  it('a client secret changed in the database stops working on both instances', async () => {
    const { body: app } = await api.createApplication({ name: 'robot', type: 'MachineToMachine' });
    assert.equal(await tokenScope(secondBase, app.id, app.secret), undefined);
    assert.equal(await tokenScope(first.user, app.id, app.secret), undefined);
    // A write no instance's API made (an operator's SQL, a migration): only the notification tells.
    await first.db.query(sql`update applications set secret = 'rotated-by-hand' where id = ${app.id}`);
    const status = async (base: string) =>
      (
        await request(`${base}/oidc/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ grant_type: 'client_credentials', resource: managementApi }),
        })
      ).status;
    await eventually(() => status(secondBase), 401);
    await eventually(() => status(first.user), 401);
  });

  it('a user row notifies when what an account shows changes, never for a sign-in’s bookkeeping', async () => {
    const user = await createUser(first);
    const heard: string[] = [];
    const stop = first.db.listen('latch_changes', {
      onNotify: (payload) => heard.push(payload),
      onState: () => undefined,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await first.db.query(sql`update users set last_sign_in_at = now(), application_id = 'app',
        password_encrypted = 'x', password_encryption_method = 'Argon2id' where id = ${user.id}`);
      await first.db.query(sql`update users set name = 'Renamed' where id = ${user.id}`);
      await first.db.query(sql`update users set is_suspended = true where id = ${user.id}`);
      await eventually(async () => heard.length, 2);
      assert.deepEqual(heard, [`default users ${user.id}`, `default users ${user.id}`]);
    } finally {
      await stop();
    }
  });

  it('the account a token or userinfo shows follows a change made through the other instance', async () => {
    const user = await createUser(first);
    const redirectUri = 'http://localhost:3000/callback';
    const { config } = await createSpaClient({ user: secondBase }, api, redirectUri);
    const { url, verifier } = await authorizationRequest(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
    });
    const callback = await signIn(createBrowser(), url, user);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    const name = async () => (await client.fetchUserInfo(config, tokens.access_token, user.id)).name;
    assert.equal(await name(), tokens.claims()?.name);
    assert.equal((await api.call('PATCH', `/users/${user.id}`, { name: 'Renamed elsewhere' })).status, 200);
    await eventually(name, 'Renamed elsewhere');
  });

  it('stays correct when the notification connection is cut (PostgreSQL)', async (t) => {
    if (!first.db.url) return t.skip('PGlite has no separate notification connection');
    const { body: app } = await api.createApplication({ name: 'robot', type: 'MachineToMachine' });
    await api.patchApplication(app.id, { isAdmin: true });
    assert.equal(await tokenScope(secondBase, app.id, app.secret), 'all');

    const listeners = async () => {
      const { rows } = await first.db.query<{ count: number }>(sql`select count(*)::int as count
        from pg_stat_activity where datname = current_database() and application_name = 'latch-listener'`);
      return rows[0]!.count;
    };
    assert.equal(await listeners(), 2, 'both instances listen');
    await first.db.query(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'latch-listener'`);
    await first.db.query(sql`delete from applications_roles where application_id = ${app.id}`);
    await eventually(() => tokenScope(secondBase, app.id, app.secret), undefined);

    // Both reconnect (backoff 0.5 s) and the cache serves again: a write that sends no notification
    // (trigger disabled) is not seen — proof the answer now comes from memory.
    await eventually(listeners, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await tokenScope(secondBase, app.id, app.secret), undefined);
    await first.db.exec('alter table applications_roles disable trigger latch_changes');
    try {
      await first.db.query(
        sql`insert into applications_roles (tenant_id, id, application_id, role_id)
          select tenant_id, 'again', ${app.id}, id from roles where tenant_id = 'default' and name = '#internal:admin'`,
      );
      assert.equal(await tokenScope(secondBase, app.id, app.secret), undefined);
    } finally {
      await first.db.exec('alter table applications_roles enable trigger latch_changes');
    }
    // A notifying write reaches it again.
    await first.db.query(sql`update applications_roles set id = id where application_id = ${app.id}`);
    await eventually(() => tokenScope(secondBase, app.id, app.secret), 'all');
  });
});
