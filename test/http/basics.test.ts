import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import { type ErrorBody, request } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('HTTP basics', () => {
  let server: TestServer;
  const dev = { 'development-user-id': 'tester' };
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
  });
  after(() => server.close());

  it('answers GET /api/status with 204 on both ports', async () => {
    for (const base of [server.user, server.admin]) {
      const response = await request(`${base}/api/status`);
      assert.equal(response.status, 204);
      assert.equal(response.text, '');
    }
  });

  it('resolves the tenant from the port, whatever host name is used', async () => {
    await request(`${server.admin}/api/configs/admin-console`, {
      method: 'PATCH',
      headers: dev,
      json: { roleCreated: true },
    });
    const viaIp = server.admin.replace('localhost', '127.0.0.1');
    const admin = await request<{ roleCreated: boolean }>(`${viaIp}/api/configs/admin-console`, {
      headers: dev,
    });
    const user = await request<{ roleCreated: boolean }>(`${server.user}/api/configs/admin-console`, {
      headers: dev,
    });
    assert.equal(admin.body.roleCreated, true);
    assert.equal(user.body.roleCreated, false);
  });

  it('gives every response a request id, and keeps a sane incoming one', async () => {
    const fresh = await request(`${server.user}/api/status`);
    assert.match(fresh.headers.get('x-request-id') ?? '', /^[\da-f-]{36}$/);
    const traced = await request(`${server.user}/api/status`, { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(traced.headers.get('x-request-id'), 'trace-123');
    const hostile = await request(`${server.user}/api/status`, {
      headers: { 'x-request-id': 'a b<script>' },
    });
    assert.notEqual(hostile.headers.get('x-request-id'), 'a b<script>');
  });

  it('answers an unknown /api route with a JSON 404', async () => {
    const response = await request<ErrorBody>(`${server.user}/api/no-such-thing`);
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'request.route_not_found');
    assert.match(response.body.message, /GET \/api\/no-such-thing/);
  });

  it('answers a known route with another method with 405 and Allow', async () => {
    const response = await request<ErrorBody>(`${server.user}/api/status`, { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET');
    assert.equal(response.body.code, 'request.method_not_allowed');
  });

  describe('bad request bodies are refused and nothing is written', () => {
    const url = () => `${server.user}/api/configs/admin-console`;
    const stored = async () => (await request<Record<string, boolean>>(url(), { headers: dev })).body;

    it('malformed JSON → 400 guard.invalid_json', async () => {
      const before = await stored();
      const response = await request<ErrorBody>(url(), {
        method: 'PATCH',
        headers: { ...dev, 'content-type': 'application/json' },
        body: '{"roleCreated": tru',
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'guard.invalid_json');
      assert.deepEqual(await stored(), before);
    });

    it('wrong content type → 415 guard.unsupported_media_type', async () => {
      const response = await request<ErrorBody>(url(), {
        method: 'PATCH',
        headers: { ...dev, 'content-type': 'text/plain' },
        body: 'roleCreated=true',
      });
      assert.equal(response.status, 415);
      assert.equal(response.body.code, 'guard.unsupported_media_type');
    });

    it('a field of the wrong type → 400 guard.invalid_input with data and details', async () => {
      const before = await stored();
      const response = await request<ErrorBody & { data: { issues: { path: string[]; code: string }[] } }>(
        url(),
        {
          method: 'PATCH',
          headers: dev,
          json: { roleCreated: 'yes', applicationCreated: true },
        },
      );
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'guard.invalid_input');
      assert.equal(response.body.message, 'The request body is invalid.');
      assert.deepEqual(response.body.data.issues[0]?.path, ['roleCreated']);
      assert.match(response.body.details ?? '', /^Error in key path "roleCreated": \(invalid_type\)/);
      assert.deepEqual(await stored(), before);
    });

    it('an unknown field where the schema is strict → 400', async () => {
      const response = await request<ErrorBody>(url(), {
        method: 'PATCH',
        headers: dev,
        json: { isAdmin: true },
      });
      assert.equal(response.status, 400);
      assert.match(response.body.details ?? '', /unrecognized_keys/);
    });

    it('a JSON array or scalar instead of an object → 400', async () => {
      for (const json of [[], 'x', 42, null]) {
        const response = await request<ErrorBody>(url(), { method: 'PATCH', headers: dev, json });
        assert.equal(response.status, 400, JSON.stringify(json));
        assert.equal(response.body.code, 'guard.invalid_input');
      }
    });

    it('an oversized body → 413 guard.payload_too_large, before it is read', async () => {
      const response = await request<ErrorBody>(url(), {
        method: 'PATCH',
        headers: { ...dev, 'content-type': 'application/json' },
        body: `{"roleCreated": true, "pad": "${'x'.repeat(1024 * 1024 + 10)}"}`,
      });
      assert.equal(response.status, 413);
      assert.equal(response.body.code, 'guard.payload_too_large');
    });
  });

  it('localizes messages from Accept-Language or ?locale, falling back to English per message', async () => {
    const url = `${server.user}/api/configs/admin-console`;
    const message = async (headers: Record<string, string>, query = '') =>
      (await request<ErrorBody>(`${url}${query}`, { headers })).body.message;
    assert.equal(await message({ 'accept-language': 'de-DE, en;q=0.5' }), 'Der Authorization-Header fehlt.');
    assert.equal(
      await message({ 'accept-language': 'xx-YY, en;q=0.5' }),
      'The Authorization header is missing.',
    );
    assert.equal(await message({ 'accept-language': 'en' }, '?locale=de'), 'Der Authorization-Header fehlt.');
    const untranslated = await request<ErrorBody>(`${url}?page=1`, {
      headers: { ...dev, 'accept-language': 'de', 'content-type': 'application/json' },
      method: 'PATCH',
      body: '{}',
    });
    assert.equal(untranslated.status, 200);
  });

  it('allows CORS on /api for the admin console’s origin only', async () => {
    const preflight = (origin: string) =>
      request(`${server.user}/api/configs/admin-console`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(server.admin);
    assert.equal(allowed.headers.get('access-control-allow-origin'), server.admin);
    const denied = await preflight('https://evil.example');
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
  });

  it('compresses large responses', async () => {
    const response = await fetch(`${server.user}/api/swagger.json`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    // fetch decodes transparently; the decoded body is the document.
    assert.equal(((await response.json()) as { openapi: string }).openapi, '3.0.3');
  });
});

describe('origins: the request’s own, never its Origin header', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      INTEGRATION_TEST: 'true',
      ENDPOINT: 'http://auth.example.test',
      ADMIN_ENDPOINT: 'http://admin.example.test',
    });
  });
  after(() => server.close());

  /** A request to the user port with a chosen Host (and Origin) header. */
  const send = (path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const call = http.request(
        { host: '127.0.0.1', port: server.ports.user, path, headers, method: body ? 'POST' : 'GET' },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, headers: response.headers });
        },
      );
      call.on('error', reject);
      call.end(body);
    });
  const get = (path: string, headers: Record<string, string>) => send(path, headers);

  it('resolves the tenant from the Host the request was sent to', async () => {
    // `/api/.well-known/endpoints/:id` exists on the admin tenant only.
    const path = '/api/.well-known/endpoints/default';
    assert.equal((await get(path, { host: 'admin.example.test' })).status, 200);
    assert.equal((await get(path, { host: 'auth.example.test' })).status, 404);
    // A page of the admin origin calling the user endpoint is still talking to the user tenant.
    const crossOrigin = await get(path, { host: 'auth.example.test', origin: 'http://admin.example.test' });
    assert.equal(crossOrigin.status, 404);
  });

  it('lets the provider answer CORS only for the request’s own origin and the client’s', async () => {
    const api = managementClient(`http://localhost:${server.ports.user}`, devAuth);
    const {
      status,
      body: app,
      text,
    } = await api.createApplication({
      name: 'spa',
      type: 'SPA',
      oidcClientMetadata: { redirectUris: ['https://spa.example.test/callback'], postLogoutRedirectUris: [] },
    });
    assert.equal(status, 200, text);
    const token = async (origin: string) =>
      (
        await send(
          '/oidc/token',
          { origin, 'content-type': 'application/x-www-form-urlencoded', host: 'auth.example.test' },
          new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: 'x',
            client_id: app.id,
          }).toString(),
        )
      ).headers['access-control-allow-origin'];
    assert.equal(await token('https://evil.example'), undefined);
    assert.equal(await token('https://spa.example.test'), 'https://spa.example.test');
    assert.equal(await token('http://auth.example.test'), 'http://auth.example.test');
  });
});
