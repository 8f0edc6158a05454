/**
 * Machine-to-machine access with a real client (openid-client): client credentials for a resource,
 * the JWT verified against the published JWKS, and the management API called with it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { devAuth, managementClient } from '../clients/management.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const managementApi = 'https://default.logto.app/api';

describe('client credentials (openid-client)', () => {
  let server: TestServer;
  let admin: ReturnType<typeof managementClient>;

  const discover = (clientId: string, secret: string) =>
    client.discovery(new URL(`${server.user}/oidc`), clientId, secret, undefined, {
      execute: [client.allowInsecureRequests],
    });

  const m2mApp = async (isAdmin: boolean) => {
    const { body: app } = await admin.createApplication({ name: 'robot', type: 'MachineToMachine' });
    if (isAdmin) assert.equal((await admin.patchApplication(app.id, { isAdmin: true })).body.isAdmin, true);
    return app;
  };

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    admin = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('publishes discovery with the tenant issuer and the provider’s endpoints', async () => {
    const config = await discover('x', 'y');
    const metadata = config.serverMetadata();
    assert.equal(metadata.issuer, `${server.user}/oidc`);
    assert.equal(metadata.userinfo_endpoint, `${server.user}/oidc/me`);
    assert.deepEqual(metadata.response_types_supported, ['code']);
    assert.ok(metadata.grant_types_supported?.includes('client_credentials'));
    assert.ok(metadata.introspection_endpoint);
  });

  it('issues an admin M2M app a JWT for the management API that the API accepts', async () => {
    const app = await m2mApp(true);
    const config = await discover(app.id, app.secret);
    const tokens = await client.clientCredentialsGrant(config, { resource: managementApi, scope: 'all' });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    const jwks = createRemoteJWKSet(new URL(`${server.user}/oidc/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: `${server.user}/oidc`,
      audience: managementApi,
      typ: 'at+jwt',
    });
    assert.equal(protectedHeader.alg, 'ES384');
    assert.equal(payload.sub, app.id);
    assert.equal(payload.client_id, app.id);
    assert.equal(payload.scope, 'all');

    const list = await request<unknown[]>(`${server.user}/api/applications`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(list.status, 200);
    assert.ok(list.body.length >= 1);
  });

  it('grants only the scopes the app’s roles hold: a non-admin app gets none, and the API answers 403', async () => {
    const app = await m2mApp(false);
    const tokens = await client.clientCredentialsGrant(await discover(app.id, app.secret), {
      resource: managementApi,
      scope: 'all',
    });
    assert.equal(decodeJwt(tokens.access_token).scope, undefined);
    const response = await request<ErrorBody>(`${server.user}/api/applications`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'auth.forbidden');
  });

  it('takes isAdmin off at once: the next token has no scope', async () => {
    const app = await m2mApp(true);
    await admin.patchApplication(app.id, { isAdmin: false });
    const tokens = await client.clientCredentialsGrant(await discover(app.id, app.secret), {
      resource: managementApi,
      scope: 'all',
    });
    assert.equal(decodeJwt(tokens.access_token).scope, undefined);
  });

  it('honours the resource’s accessTokenTtl', async () => {
    const { body: resource } = await admin.createResource({
      name: 'Orders',
      indicator: 'https://orders.example.com',
      accessTokenTtl: 120,
    });
    const app = await m2mApp(false);
    const tokens = await client.clientCredentialsGrant(await discover(app.id, app.secret), {
      resource: resource.indicator,
    });
    const claims = decodeJwt(tokens.access_token);
    assert.equal(claims.aud, resource.indicator);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 120);
    assert.equal(tokens.expires_in, 120);
  });

  it('refuses a wrong secret, an unknown client, an unknown resource, and a deleted app', async () => {
    const app = await m2mApp(true);
    await assert.rejects(
      client.clientCredentialsGrant(await discover(app.id, 'wrong-secret-wrong-secret'), {
        resource: managementApi,
      }),
      (error: client.ResponseBodyError) => error.error === 'invalid_client',
    );
    await assert.rejects(
      client.clientCredentialsGrant(await discover('no-such-client', 'secret'), { resource: managementApi }),
      (error: client.ResponseBodyError) => error.error === 'invalid_client',
    );
    await assert.rejects(
      client.clientCredentialsGrant(await discover(app.id, app.secret), {
        resource: 'https://unknown.example.com',
      }),
      (error: client.ResponseBodyError) => error.error === 'invalid_target',
    );
    assert.equal((await admin.call('DELETE', `/applications/${app.id}`)).status, 204);
    await assert.rejects(
      client.clientCredentialsGrant(await discover(app.id, app.secret), { resource: managementApi }),
      (error: client.ResponseBodyError) => error.error === 'invalid_client',
    );
  });

  it('does not let a web application use client credentials', async () => {
    const { body: app } = await admin.createApplication({
      name: 'web',
      type: 'Traditional',
      oidcClientMetadata: { redirectUris: ['https://app.example.com/callback'] },
    });
    await assert.rejects(
      client.clientCredentialsGrant(await discover(app.id, app.secret), { resource: managementApi }),
      (error: client.ResponseBodyError) =>
        error.error === 'invalid_request' &&
        error.error_description === 'requested grant type is not allowed for this client',
    );
    // Without a redirect URI a web application is not a usable client at all yet.
    const { body: bare } = await admin.createApplication({ name: 'bare', type: 'Traditional' });
    await assert.rejects(
      client.clientCredentialsGrant(await discover(bare.id, bare.secret), { resource: managementApi }),
      (error: client.ResponseBodyError) => error.error === 'invalid_redirect_uri',
    );
  });
});
