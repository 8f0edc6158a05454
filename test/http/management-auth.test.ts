import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importPKCS8, SignJWT } from 'jose';
import { toPublicJwk } from '../../src/oidc/keys.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signToken, strangerKey, tenantSigningKey } from '../support/tokens.ts';

describe('management API guard (spec §3.1)', () => {
  let server: TestServer;
  let defaultKey: string;
  let adminKey: string;
  const url = () => `${server.user}/api/configs/admin-console`;
  const call = (authorization?: string, extra: Record<string, string> = {}) =>
    request<ErrorBody>(url(), { headers: { ...(authorization ? { authorization } : {}), ...extra } });
  const claims = () => ({
    iss: `${server.user}/oidc`,
    aud: 'https://default.logto.app/api',
    sub: 'user-1',
    client_id: 'some-app',
    scope: 'openid all',
  });

  before(async () => {
    server = await startTestServer();
    defaultKey = await tenantSigningKey(server.db, 'default');
    adminKey = await tenantSigningKey(server.db, 'admin');
  });
  after(() => server.close());

  const expectError = async (authorization: string | undefined, status: number, code: string) => {
    const response = await call(authorization);
    assert.equal(response.status, status);
    assert.equal(response.body.code, code);
    return response;
  };

  it('401 without an Authorization header', async () => {
    await expectError(undefined, 401, 'auth.authorization_header_missing');
  });

  it('401 for another scheme, naming Bearer', async () => {
    const response = await expectError(
      'Basic dXNlcjpwYXNz',
      401,
      'auth.authorization_token_type_not_supported',
    );
    assert.deepEqual(response.body.data, { supportedTypes: ['Bearer'] });
  });

  it('401 for a garbage or empty bearer token', async () => {
    await expectError('Bearer not-a-jwt', 401, 'auth.unauthorized');
    await expectError('Bearer ', 401, 'auth.authorization_token_type_not_supported');
  });

  it('accepts a token from its own issuer with scope all', async () => {
    const response = await call(`Bearer ${await signToken(defaultKey, claims())}`);
    assert.equal(response.status, 200);
  });

  it('accepts a token issued by the admin tenant for this tenant’s API (the console’s way)', async () => {
    const token = await signToken(adminKey, { ...claims(), iss: `${server.admin}/oidc` });
    assert.equal((await call(`Bearer ${token}`)).status, 200);
  });

  it('does not accept a default-tenant token on the admin tenant', async () => {
    const token = await signToken(defaultKey, { ...claims(), aud: 'https://admin.logto.app/api' });
    const response = await request<ErrorBody>(`${server.admin}/api/configs/admin-console`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'auth.unauthorized');
  });

  it('401 for a wrong audience, issuer, key, type, or an expired token', async () => {
    await expectError(
      `Bearer ${await signToken(defaultKey, { ...claims(), aud: 'https://api.example.com' })}`,
      401,
      'auth.unauthorized',
    );
    await expectError(
      `Bearer ${await signToken(defaultKey, { ...claims(), iss: 'https://evil.example/oidc' })}`,
      401,
      'auth.unauthorized',
    );
    await expectError(`Bearer ${await signToken(strangerKey(), claims())}`, 401, 'auth.unauthorized');
    await expectError(
      `Bearer ${await signToken(defaultKey, claims(), { typ: 'JWT' })}`,
      401,
      'auth.unauthorized',
    );
    const expired = await signToken(defaultKey, claims(), { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    await expectError(`Bearer ${expired}`, 401, 'auth.unauthorized');
  });

  it('keeps tenants’ keys apart: a token signed by default’s key is refused by admin, whatever it claims', async () => {
    const token = await signToken(defaultKey, {
      ...claims(),
      iss: `${server.admin}/oidc`,
      aud: 'https://admin.logto.app/api',
    });
    const response = await request<ErrorBody>(`${server.admin}/api/configs/admin-console`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 401);
    const genuine = await signToken(adminKey, {
      ...claims(),
      iss: `${server.admin}/oidc`,
      aud: 'https://admin.logto.app/api',
    });
    const accepted = await request(`${server.admin}/api/configs/admin-console`, {
      headers: { authorization: `Bearer ${genuine}` },
    });
    assert.equal(accepted.status, 200);
  });

  it('401 for a token without exp (RFC 9068 §2.2)', async () => {
    const { kid, alg } = toPublicJwk(defaultKey);
    const key = await importPKCS8(defaultKey, alg);
    const forever = await new SignJWT(claims())
      .setProtectedHeader({ alg, kid, typ: 'at+jwt' })
      .setIssuedAt()
      .sign(key);
    await expectError(`Bearer ${forever}`, 401, 'auth.unauthorized');
  });

  it('401 for a token signed with alg none', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode({ ...claims(), exp: Date.now() / 1000 + 60 })}.`;
    await expectError(`Bearer ${unsigned}`, 401, 'auth.unauthorized');
  });

  it('401 auth.jwt_sub_missing without a subject', async () => {
    const { sub: _sub, ...withoutSub } = claims();
    await expectError(`Bearer ${await signToken(defaultKey, withoutSub)}`, 401, 'auth.jwt_sub_missing');
  });

  it('403 auth.forbidden without scope all', async () => {
    await expectError(
      `Bearer ${await signToken(defaultKey, { ...claims(), scope: 'read write' })}`,
      403,
      'auth.forbidden',
    );
  });

  it('ignores the development-user-id header unless INTEGRATION_TEST=true', async () => {
    const response = await call(undefined, { 'development-user-id': 'someone' });
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'auth.authorization_header_missing');
  });

  it('honours the development-user-id header when INTEGRATION_TEST=true', async () => {
    const testServer = await startTestServer({ INTEGRATION_TEST: 'true' });
    try {
      const response = await request(`${testServer.user}/api/configs/admin-console`, {
        headers: { 'development-user-id': 'someone' },
      });
      assert.equal(response.status, 200);
    } finally {
      await testServer.close();
    }
  });
});
