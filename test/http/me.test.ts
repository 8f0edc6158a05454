/**
 * `/me` on the admin tenant (spec §3.4), called as the console calls it: with the signed-in
 * user's token for the Me API (the first administrator, registered through the console flow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { addMockConnectors, lastCode, newRecordFile } from '../support/connectors.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { authorizationRequest, signInThroughApi } from '../support/sign-in.ts';

const meApi = 'https://admin.logto.app/me';
const password = 'first-Admin-1';

describe('/me on the admin tenant', () => {
  let server: TestServer;
  let token: string;
  let userId: string;
  let adminApi: ReturnType<typeof managementClient>;
  const recordFile = newRecordFile();

  const me = <T>(method: string, path: string, json?: unknown, auth = `Bearer ${token}`) =>
    request<T>(`${server.admin}/me${path}`, { method, headers: { authorization: auth }, json });

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: recordFile });
    adminApi = managementClient(server.admin, devAuth);
    const config = await client.discovery(
      new URL(`${server.admin}/oidc`),
      'admin-console',
      undefined,
      client.None(),
      {
        execute: [client.allowInsecureRequests],
      },
    );
    const { url, verifier } = await authorizationRequest(config, {
      redirect_uri: `${server.admin}/console/callback`,
      scope: 'openid all',
      resource: meApi,
    });
    const callback = await signInThroughApi(createBrowser(), url, [
      {
        method: 'PUT',
        path: '/interaction',
        json: { event: 'Register', profile: { username: 'boss', password } },
      },
    ]);
    const tokens = await client.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifier },
      { resource: meApi },
    );
    token = tokens.access_token;
    userId = tokens.claims()!.sub;
  });
  after(() => server.close());

  it('reads and updates my profile with my Me API token', async () => {
    const profile = await me<{ id: string; username: string; hasPassword?: boolean }>('GET', '');
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.id, userId);
    assert.equal(profile.body.username, 'boss');
    assert.equal(profile.body.hasPassword, true);
    assert.ok(!profile.text.includes('passwordEncrypted'));

    const patched = await me<{ name: string }>('PATCH', '', { name: 'The Boss' });
    assert.equal(patched.body.name, 'The Boss');
    await adminApi.call('POST', '/users', { username: 'taken' });
    const taken = await me<ErrorBody>('PATCH', '', { username: 'taken' });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.code, 'user.username_already_in_use');

    await me('PATCH', '/custom-data', { theme: 'dark' });
    assert.deepEqual((await me('PATCH', '/custom-data', { lang: 'de' })).body, { theme: 'dark', lang: 'de' });
    assert.deepEqual((await me('GET', '/custom-data')).body, { theme: 'dark', lang: 'de' });
  });

  it('needs a user token for the Me API', async () => {
    assert.equal(
      (await me<ErrorBody>('GET', '', undefined, '')).body.code,
      'auth.authorization_header_missing',
    );
    const garbage = await me<ErrorBody>('GET', '', undefined, 'Bearer not-a-token');
    assert.equal(garbage.status, 401);
    // `/me` is the admin tenant's alone.
    assert.equal(
      (await request(`${server.user}/me`, { headers: { authorization: `Bearer ${token}` } })).status,
      404,
    );
  });

  it('changes my password only after confirming the current one, within 10 minutes', async () => {
    const early = await me<ErrorBody>('POST', '/password', { password: 'second-Admin-2' });
    assert.equal(early.status, 400);
    assert.equal(early.body.code, 'session.verification_session_not_found');
    const wrong = await me<ErrorBody>('POST', '/password/verify', { password: 'not-it-1' });
    assert.equal(wrong.body.code, 'session.invalid_credentials');
    assert.equal((await me('POST', '/password/verify', { password })).status, 204);
    await server.db.query(sql`update verification_statuses set created_at = now() - interval '11 minutes'
      where user_id = ${userId}`);
    const stale = await me<ErrorBody>('POST', '/password', { password: 'second-Admin-2' });
    assert.equal(stale.status, 422);
    assert.equal(stale.body.code, 'session.verification_failed');
    await me('POST', '/password/verify', { password });
    assert.equal((await me('POST', '/password', { password: 'second-Admin-2' })).status, 204);
    assert.equal((await me('POST', '/password/verify', { password: 'second-Admin-2' })).status, 204);
  });

  it('links and unlinks a social account, and sends me codes', async () => {
    const { social, email } = await addMockConnectors(adminApi);
    assert.ok(email);
    await adminApi.call('PATCH', '/sign-in-exp', { socialSignInConnectorTargets: ['mock-social'] });
    const listed = await me<{ id: string }[]>('GET', '/social/connectors');
    assert.deepEqual(
      listed.body.map((connector) => connector.id),
      [social],
    );
    const uri = await me<{ redirectTo: string }>('POST', '/social/authorization-uri', {
      connectorId: social,
      state: 's',
      redirectUri: 'http://localhost:3002/console/profile',
    });
    assert.match(uri.body.redirectTo, /^http:\/\/mock\.social\.com\//);
    const linked = await me('POST', '/social/link-identity', {
      connectorId: social,
      connectorData: { code: 'c', userId: 'boss-social' },
    });
    assert.equal(linked.status, 204, linked.text);
    assert.deepEqual(
      (await me<{ identities: Record<string, { userId: string }> }>('GET', '')).body.identities['mock-social']
        ?.userId,
      'boss-social',
    );
    assert.equal((await me('DELETE', `/social/identity/${social}`)).status, 204);
    assert.equal(
      (await me<ErrorBody>('DELETE', `/social/identity/${social}`)).body.code,
      'user.identity_not_exist',
    );

    // Only a code sent to the account's own email allows a password change.
    await me('POST', '/verification-codes', { email: 'someone-else@example.com' });
    const foreign = await me<ErrorBody>('POST', '/verification-codes/verify', {
      email: 'someone-else@example.com',
      verificationCode: lastCode(recordFile).code,
      action: 'changePassword',
    });
    assert.equal(foreign.body.code, 'verification_code.email_mismatch');
    await me('PATCH', '', { primaryEmail: 'boss@example.com' });
    assert.equal((await me('POST', '/verification-codes', { email: 'boss@example.com' })).status, 204);
    const { code } = lastCode(recordFile);
    const verified = await me('POST', '/verification-codes/verify', {
      email: 'boss@example.com',
      verificationCode: code,
      action: 'changePassword',
    });
    assert.equal(verified.status, 204, verified.text);
    assert.equal((await me('POST', '/password', { password: 'third-Admin-3' })).status, 204);
  });
});
