/**
 * Provider events in the audit log (`logs`): token exchanges (success and error), interactions
 * and revocations, with who and what — and never a secret, code or token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { authorizationRequest, signIn } from '../support/sign-in.ts';
import { createUser } from '../support/users.ts';

type LogRow = { key: string; payload: Record<string, unknown> & { params?: Record<string, unknown> } };

describe('audit log of the provider', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;

  /** Entries are written in batches: wait until `count` entries of `key` are there. */
  const logsOf = async (key: string, applicationId: string, count = 1) => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const { rows } = await server.db.query<LogRow>(sql`select key, payload from logs
        where tenant_id = 'default' and key = ${key} and payload ->> 'applicationId' = ${applicationId}
        order by created_at`);
      if (rows.length >= count || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('records client-credentials exchanges, successful and failed, without the secret', async () => {
    const { body: robot } = await api.createApplication({ name: 'robot', type: 'MachineToMachine' });
    const config = await client.discovery(new URL(`${server.user}/oidc`), robot.id, robot.secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    await client.clientCredentialsGrant(config, { resource: 'https://default.logto.app/api' });
    await assert.rejects(client.clientCredentialsGrant(config, { resource: 'https://nowhere.example.com' }));

    const rows = await logsOf('ExchangeTokenBy.ClientCredentials', robot.id, 2);
    assert.deepEqual(
      rows.map((row) => row.payload.result),
      ['Success', 'Error'],
    );
    assert.deepEqual(rows[0]!.payload.tokenTypes, ['AccessToken']);
    assert.equal(rows[0]!.payload.params?.resource, 'https://default.logto.app/api');
    assert.equal((rows[1]!.payload.error as { code: string }).code, 'invalid_target');
    assert.ok(!JSON.stringify(rows).includes(robot.secret));
  });

  it('records the interaction and the code exchange with the user, and revocations', async () => {
    const { body: spa } = await api.createApplication({
      name: 'spa',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['http://localhost:3000/callback'], postLogoutRedirectUris: [] },
    });
    const user = await createUser(server);
    const config = await client.discovery(new URL(`${server.user}/oidc`), spa.id, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const { url, verifier } = await authorizationRequest(config, {
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid offline_access',
    });
    const browser = createBrowser();
    const callback = await signIn(browser, url, user);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    await client.tokenRevocation(config, tokens.refresh_token!);

    const created = await logsOf('Interaction.Create', spa.id, 2);
    assert.deepEqual(
      created.map((row) => row.payload.prompt),
      ['login', 'consent'],
    );
    const [exchange] = await logsOf('ExchangeTokenBy.AuthorizationCode', spa.id);
    assert.equal(exchange?.payload.result, 'Success');
    assert.equal(exchange?.payload.userId, user.id);
    assert.deepEqual(exchange?.payload.tokenTypes, ['AccessToken', 'RefreshToken', 'IdToken']);
    const ended = await logsOf('Interaction.End', spa.id, 2);
    assert.equal(ended.at(-1)?.payload.userId, user.id);
    const [revoked] = await logsOf('RevokeToken', spa.id);
    assert.ok(revoked?.payload.grantId);

    const { rows: all } = await server.db.query(sql`select key, payload from logs
      where tenant_id = 'default' and payload ->> 'applicationId' = ${spa.id}`);
    assert.ok(all.length >= 6);
    const everything = JSON.stringify(all);
    // The session cookie's value is a bearer secret; the interaction id is logged, as Logto does.
    const sessionCookie = browser
      .cookieHeader(`${server.user}/oidc/auth/x`)
      .split('; ')
      .find((pair) => pair.startsWith('_session='));
    assert.ok(sessionCookie);
    const cookieValues = [sessionCookie.slice('_session='.length)];
    for (const secret of [
      callback.searchParams.get('code')!,
      verifier,
      tokens.refresh_token!,
      tokens.access_token,
      ...cookieValues,
    ]) {
      assert.ok(!everything.includes(secret), 'no code, verifier, token or session cookie in the log');
    }
  });
});
