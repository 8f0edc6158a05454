import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Application } from '../../src/schemas/application.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('/api/applications', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('creates each type with generated id and secret and Logto’s defaults', async () => {
    for (const type of ['Native', 'SPA', 'Traditional', 'MachineToMachine']) {
      const { status, body } = await api.createApplication({ name: `${type} app`, type });
      assert.equal(status, 200);
      assert.match(body.id, /^[\dA-Za-z]{21}$/);
      assert.match(body.secret, /^[\dA-Za-z]{32}$/);
      assert.equal(body.tenantId, 'default');
      assert.deepEqual(body.oidcClientMetadata, { redirectUris: [], postLogoutRedirectUris: [] });
      assert.deepEqual(body.customClientMetadata, {});
      assert.equal(typeof body.createdAt, 'number');
    }
  });

  it('lists newest first with pagination headers', async () => {
    const response = await api.call<Application[]>('GET', '/applications?page=1&page_size=2');
    assert.equal(response.status, 200);
    assert.equal(response.body.length, 2);
    assert.ok(Number(response.headers.get('total-number')) >= 4);
    assert.match(response.headers.get('link') ?? '', /rel="next"/);
    const [first, second] = response.body;
    assert.ok((first?.createdAt ?? 0) >= (second?.createdAt ?? 0));
  });

  it('refuses invalid pagination', async () => {
    for (const query of ['page_size=0', 'page_size=101', 'page=0', 'page=abc']) {
      const response = await api.call<ErrorBody>('GET', `/applications?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.body.code, 'guard.invalid_pagination');
    }
  });

  it('validates redirect URIs by type', async () => {
    const ok = [
      ['SPA', 'https://app.example.com/callback'],
      ['SPA', 'http://localhost:3000/callback'],
      ['Native', 'io.logto.demo:/callback'],
      ['Native', 'http://127.0.0.1:8080/cb'],
    ];
    for (const [type, uri] of ok) {
      const response = await api.createApplication({
        name: 'x',
        type,
        oidcClientMetadata: { redirectUris: [uri] },
      });
      assert.equal(response.status, 200, `${type} ${uri}`);
    }
    const bad = [
      ['SPA', 'http://app.example.com/callback'],
      ['SPA', 'io.logto.demo:/callback'],
      ['Traditional', 'javascript:alert(1)'],
      ['Native', 'myapp:/callback'],
      ['SPA', 'https://app.example.com/cb#frag'],
      ['SPA', 'not a url'],
    ];
    for (const [type, uri] of bad) {
      const response = await api.createApplication({
        name: 'x',
        type,
        oidcClientMetadata: { redirectUris: [uri] },
      });
      assert.equal(response.status, 400, `${type} ${uri}`);
      assert.equal((response.body as unknown as ErrorBody).code, 'guard.invalid_input');
      assert.match((response.body as unknown as ErrorBody).details ?? '', /redirectUris\[0\]/);
    }
  });

  it('refuses malformed metadata and a foreign tenantId, and writes nothing', async () => {
    const before = (await api.call<Application[]>('GET', '/applications?page_size=100')).headers.get(
      'total-number',
    );
    const bodies = [
      { type: 'SPA' },
      { name: 'x', type: 'Desktop' },
      { name: 'x'.repeat(257), type: 'SPA' },
      { name: 'x', type: 'SPA', oidcClientMetadata: { redirectUris: 'https://a.io' } },
      { name: 'x', type: 'SPA', customClientMetadata: { corsAllowedOrigins: ['ftp://a.io'] } },
      { name: 'x', type: 'SPA', customClientMetadata: { idTokenTtl: -5 } },
      { name: 'x', type: 'SPA', tenantId: 'admin' },
    ];
    for (const body of bodies) {
      const response = await api.createApplication(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((response.body as unknown as ErrorBody).code, 'guard.invalid_input');
    }
    const after = (await api.call<Application[]>('GET', '/applications?page_size=100')).headers.get(
      'total-number',
    );
    assert.equal(after, before);
  });

  it('gets one with isAdmin, and the virtual demo-app', async () => {
    const { body: app } = await api.createApplication({ name: 'one', type: 'SPA' });
    const one = await api.call<Application & { isAdmin: boolean }>('GET', `/applications/${app.id}`);
    assert.deepEqual(one.body, { ...app, isAdmin: false });
    const demo = await api.call<Application & { isAdmin: boolean }>('GET', '/applications/demo-app');
    assert.equal(demo.body.name, 'Live Preview');
    assert.deepEqual(demo.body.oidcClientMetadata.redirectUris, [`${server.user}/demo-app`]);
    const missing = await api.call<ErrorBody>('GET', '/applications/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'entity.not_exists_with_id');
  });

  it('patches with a shallow merge of JSON fields', async () => {
    const { body: app } = await api.createApplication({
      name: 'merge',
      type: 'SPA',
      oidcClientMetadata: {
        redirectUris: ['https://a.example.com/cb'],
        postLogoutRedirectUris: ['https://a.example.com'],
      },
      customClientMetadata: { idTokenTtl: 600 },
    });
    const { status, body } = await api.patchApplication(app.id, {
      name: 'merged',
      oidcClientMetadata: { redirectUris: ['https://b.example.com/cb'] },
      customClientMetadata: { refreshTokenTtl: 3600 },
    });
    assert.equal(status, 200);
    assert.equal(body.name, 'merged');
    assert.deepEqual(body.oidcClientMetadata, {
      redirectUris: ['https://b.example.com/cb'],
      postLogoutRedirectUris: ['https://a.example.com'],
    });
    assert.deepEqual(body.customClientMetadata, { idTokenTtl: 600, refreshTokenTtl: 3600 });
  });

  it('allows isAdmin for machine-to-machine apps only, and 404s for unknown ids', async () => {
    const { body: spa } = await api.createApplication({ name: 'spa', type: 'SPA' });
    const refused = await api.patchApplication(spa.id, { isAdmin: true });
    assert.equal(refused.status, 400);
    assert.equal(
      (await api.call<{ isAdmin: boolean }>('GET', `/applications/${spa.id}`)).body.isAdmin,
      false,
    );
    const { body: m2m } = await api.createApplication({ name: 'm2m', type: 'MachineToMachine' });
    assert.equal((await api.patchApplication(m2m.id, { isAdmin: true })).body.isAdmin, true);
    assert.equal((await api.patchApplication(m2m.id, { isAdmin: false })).body.isAdmin, false);
    assert.equal((await api.patchApplication('nope', { name: 'x' })).status, 404);
  });

  it('deletes, then 404s', async () => {
    const { body: app } = await api.createApplication({ name: 'gone', type: 'SPA' });
    assert.equal((await api.call('DELETE', `/applications/${app.id}`)).status, 204);
    assert.equal((await api.call('DELETE', `/applications/${app.id}`)).status, 404);
    assert.equal((await api.call('GET', `/applications/${app.id}`)).status, 404);
  });

  it('keeps tenants apart: the admin tenant cannot see or change default’s applications', async () => {
    const { body: app } = await api.createApplication({ name: 'mine', type: 'SPA' });
    const adminApi = managementClient(server.admin, devAuth);
    assert.equal((await adminApi.call('GET', `/applications/${app.id}`)).status, 404);
    assert.equal((await adminApi.patchApplication(app.id, { name: 'stolen' })).status, 404);
    assert.equal((await adminApi.call('DELETE', `/applications/${app.id}`)).status, 404);
    const adminList = await adminApi.call<Application[]>('GET', '/applications?page_size=100');
    assert.ok(adminList.body.every((item) => item.tenantId === 'admin'));
    assert.ok(!adminList.body.some((item) => item.id === app.id));
    assert.equal((await api.call<Application>('GET', `/applications/${app.id}`)).body.name, 'mine');
  });
});
