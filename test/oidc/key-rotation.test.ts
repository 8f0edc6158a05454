/**
 * Key rotation: a new signing key is published and used at once, tokens signed by the previous
 * key keep verifying (JWKS and the management API), old keys are dropped only once nothing they
 * signed can be valid, and rotated cookie keys keep existing sessions alive.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { sql } from '../../src/db/sql.ts';
import { readKeys, rotateKeys } from '../../src/oidc/key-store.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { createBrowser } from '../support/browser.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signIn } from '../support/sign-in.ts';
import { createUser } from '../support/users.ts';

const managementApi = 'https://default.logto.app/api';
type KeyInfo = { id: string; createdAt: number; signingKeyAlgorithm?: string };

describe('key rotation', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let robot: { id: string; secret: string };

  const jwks = async () => (await request<JSONWebKeySet>(`${server.user}/oidc/jwks`)).body;
  const kids = async () => (await jwks()).keys.map((key) => key.kid);
  const m2mToken = async () => {
    const config = await client.discovery(new URL(`${server.user}/oidc`), robot.id, robot.secret, undefined, {
      execute: [client.allowInsecureRequests],
    });
    return (await client.clientCredentialsGrant(config, { resource: managementApi, scope: 'all' }))
      .access_token;
  };
  const callApi = async (token: string) =>
    (await request(`${server.user}/api/applications`, { headers: { authorization: `Bearer ${token}` } }))
      .status;

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
    ({ body: robot } = await api.createApplication({ name: 'robot', type: 'MachineToMachine' }));
    await api.patchApplication(robot.id, { isAdmin: true });
  });
  after(() => server.close());

  it('lists keys without their material', async () => {
    const { status, body, text } = await api.call<KeyInfo[]>('GET', '/configs/oidc/private-keys');
    assert.equal(status, 200);
    assert.equal(body.length, 1);
    assert.deepEqual(Object.keys(body[0]!).sort(), ['createdAt', 'id', 'signingKeyAlgorithm']);
    assert.equal(body[0]!.signingKeyAlgorithm, 'EC');
    assert.doesNotMatch(text, /PRIVATE KEY/);
    assert.deepEqual(await kids(), [body[0]!.id]);
  });

  it('signs with the new key at once and still accepts tokens of the previous one', async () => {
    const before = await m2mToken();
    const oldKid = decodeProtectedHeader(before).kid;

    const { status, body } = await api.call<KeyInfo[]>('POST', '/configs/oidc/private-keys/rotate', {});
    assert.equal(status, 200);
    const [fresh, previous] = body;
    assert.equal(previous?.id, oldKid);
    assert.deepEqual(await kids(), [fresh!.id, oldKid]);

    const after = await m2mToken();
    assert.equal(decodeProtectedHeader(after).kid, fresh!.id);
    const keySet = createLocalJWKSet(await jwks());
    await jwtVerify(before, keySet, { audience: managementApi });
    await jwtVerify(after, keySet, { audience: managementApi });
    assert.equal(await callApi(before), 200);
    assert.equal(await callApi(after), 200);
  });

  it('rotates to RSA on request: RS256 tokens that verify against the JWKS', async () => {
    const { body } = await api.call<KeyInfo[]>('POST', '/configs/oidc/private-keys/rotate', {
      signingKeyAlgorithm: 'RSA',
    });
    assert.equal(body[0]!.signingKeyAlgorithm, 'RSA');
    const token = await m2mToken();
    const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(await jwks()), {
      audience: managementApi,
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(protectedHeader.kid, body[0]!.id);
    assert.equal(await callApi(token), 200);
    // Back to EC for the other tests.
    await api.call('POST', '/configs/oidc/private-keys/rotate', {});
  });

  it('keeps a replaced key for the longest token lifetime of the tenant, then drops it', async () => {
    const tenantId = 'default';
    await server.db.query(sql`update resources set access_token_ttl = 7200 where tenant_id = ${tenantId}
      and indicator = ${managementApi}`);
    const start = Date.now() + 1000;
    const rotate = (now: number) =>
      server.db.transaction((tx) => rotateKeys(tx, tenantId, 'private-keys', { now }));
    const first = await rotate(start);
    const second = await rotate(start + 1000);
    assert.equal(second[1]?.id, first[0]?.id);
    const ids = (keys: { id: string }[]) => keys.map((key) => key.id);
    // 7100 s after `second` replaced `first`: a 7200 s token signed by `first` may still be valid.
    const third = await rotate(start + 1000 + 7100 * 1000);
    assert.deepEqual(ids(third).slice(0, 3), [third[0]!.id, second[0]!.id, first[0]!.id]);
    // 7200 s after: `first` signed nothing still valid; `second` (replaced 100 s ago) stays.
    const fourth = await rotate(start + 1000 + 7200 * 1000);
    assert.deepEqual(ids(fourth), [fourth[0]!.id, third[0]!.id, second[0]!.id]);
    assert.deepEqual(ids(await readKeys(server.db, tenantId, 'private-keys')), ids(fourth));
    await server.db.query(sql`update resources set access_token_ttl = 3600 where tenant_id = ${tenantId}
      and indicator = ${managementApi}`);
  });

  it('a rotation by another process (the CLI) reaches the running server through the change notification', async () => {
    const [rotated] = await server.db.transaction((tx) => rotateKeys(tx, 'default', 'private-keys'));
    const deadline = Date.now() + 3000;
    while (!(await kids()).includes(rotated!.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.equal((await kids())[0], rotated!.id);
    assert.equal(decodeProtectedHeader(await m2mToken()).kid, rotated!.id);
  });

  it('rotated cookie keys keep existing sessions signed in', async () => {
    const { body: spa } = await api.createApplication({
      name: 'spa',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['http://localhost:3000/callback'], postLogoutRedirectUris: [] },
    });
    const config = await client.discovery(new URL(`${server.user}/oidc`), spa.id, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const authorize = async (prompt?: string) =>
      client.buildAuthorizationUrl(config, {
        redirect_uri: 'http://localhost:3000/callback',
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
        ...(prompt ? { prompt } : {}),
      });
    const browser = createBrowser();
    const user = await createUser(server);
    await signIn(browser, await authorize('consent'), user);

    const { status, body } = await api.call<KeyInfo[]>('POST', '/configs/oidc/cookie-keys/rotate', {});
    assert.equal(status, 200);
    assert.equal(body.length, 2);
    assert.equal(body[0]!.signingKeyAlgorithm, undefined);
    const again = await browser.get(await authorize());
    assert.equal(again.status, 303);
    assert.equal(new URL(again.location!).searchParams.has('code'), true, again.location);
  });

  it('rejects an unknown key type or algorithm with guard.invalid_input', async () => {
    const wrongType = await api.call<ErrorBody>('POST', '/configs/oidc/secret-keys/rotate', {});
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.code, 'guard.invalid_input');
    const before = await kids();
    const wrongAlgorithm = await api.call<ErrorBody>('POST', '/configs/oidc/private-keys/rotate', {
      signingKeyAlgorithm: 'DSA',
    });
    assert.equal(wrongAlgorithm.status, 400);
    assert.deepEqual(await kids(), before, 'nothing rotated');
  });
});
