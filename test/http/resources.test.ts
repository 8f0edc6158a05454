import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Resource, Scope } from '../../src/schemas/resource.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('/api/resources and scopes', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('creates a resource with the default TTL and no scopes', async () => {
    const { status, body } = await api.createResource({
      name: 'Billing',
      indicator: 'https://billing.example.com',
    });
    assert.equal(status, 200);
    assert.deepEqual(
      { ...body, id: 'x' },
      {
        tenantId: 'default',
        id: 'x',
        name: 'Billing',
        indicator: 'https://billing.example.com',
        accessTokenTtl: 3600,
        scopes: [],
      },
    );
  });

  it('answers a duplicate indicator with 422 resource.identifier_in_use, not 500', async () => {
    await api.createResource({ name: 'A', indicator: 'https://dup.example.com' });
    const response = await api.createResource({ name: 'B', indicator: 'https://dup.example.com' });
    assert.equal(response.status, 422);
    assert.equal((response.body as unknown as ErrorBody).code, 'resource.identifier_in_use');
    // The same indicator in another tenant is fine.
    const adminApi = managementClient(server.admin, devAuth);
    assert.equal(
      (await adminApi.createResource({ name: 'A', indicator: 'https://dup.example.com' })).status,
      200,
    );
  });

  it('refuses invalid indicators and TTLs', async () => {
    for (const body of [
      { name: 'x', indicator: 'not-a-uri' },
      { name: 'x', indicator: 'https://a.example.com#frag' },
      { name: 'x', indicator: 'https://a.example.com', accessTokenTtl: 0 },
      { name: 'x', indicator: 'https://a.example.com', accessTokenTtl: 'long' },
      { indicator: 'https://a.example.com' },
    ]) {
      const response = await api.createResource(body);
      assert.equal(response.status, 400, JSON.stringify(body));
    }
  });

  it('lists all without pagination, pages with it, and includes scopes on request', async () => {
    const all = await api.call<Resource[]>('GET', '/resources');
    assert.ok(all.body.some((resource) => resource.id === 'management-api'));
    assert.equal(all.headers.get('total-number'), null);
    const page = await api.call<Resource[]>('GET', '/resources?page=1&page_size=1');
    assert.equal(page.body.length, 1);
    assert.equal(page.headers.get('total-number'), String(all.body.length));
    const withScopes = await api.call<(Resource & { scopes: Scope[] })[]>(
      'GET',
      '/resources?includeScopes=true',
    );
    const management = withScopes.body.find((resource) => resource.id === 'management-api');
    assert.deepEqual(
      management?.scopes.map((scope) => scope.name),
      ['all'],
    );
  });

  it('patches and deletes, with 404 for unknown ids', async () => {
    const { body } = await api.createResource({ name: 'Temp', indicator: 'https://temp.example.com' });
    const patched = await api.call<Resource>('PATCH', `/resources/${body.id}`, {
      accessTokenTtl: 600,
      name: 'Temp 2',
    });
    assert.equal(patched.body.accessTokenTtl, 600);
    assert.equal(patched.body.name, 'Temp 2');
    assert.equal((await api.call('PATCH', '/resources/nope', { name: 'x' })).status, 404);
    assert.equal((await api.call('DELETE', `/resources/${body.id}`)).status, 204);
    assert.equal((await api.call('GET', `/resources/${body.id}`)).status, 404);
  });

  it('deletes a resource that roles use: its scopes leave those roles, the roles stay', async () => {
    const { body: resource } = await api.createResource({
      name: 'Used',
      indicator: 'https://used.example.com',
    });
    const { body: scope } = await api.createScope(resource.id, { name: 'read', description: 'Read' });
    const { body: role } = await api.call<{ id: string }>('POST', '/roles', {
      name: 'uses-it',
      description: 'Holds a scope of the resource',
      scopeIds: [scope.id],
    });
    assert.equal((await api.call<Scope[]>('GET', `/roles/${role.id}/scopes`)).body.length, 1);
    assert.equal((await api.call('DELETE', `/resources/${resource.id}`)).status, 204);
    assert.deepEqual((await api.call<Scope[]>('GET', `/roles/${role.id}/scopes`)).body, []);
    assert.equal((await api.call('GET', `/roles/${role.id}`)).status, 200);
  });

  it('protects the management API resource', async () => {
    const changed = await api.call<ErrorBody>('PATCH', '/resources/management-api', {
      indicator: 'https://x.example.com',
    });
    assert.equal(changed.status, 400);
    assert.equal(changed.body.code, 'resource.cannot_modify_management_api');
    const deleted = await api.call<ErrorBody>('DELETE', '/resources/management-api');
    assert.equal(deleted.status, 400);
    assert.equal(deleted.body.code, 'resource.cannot_delete_management_api');
    assert.equal((await api.call('PATCH', '/resources/management-api', { name: 'Renamed' })).status, 200);
  });

  it('manages scopes: whitespace, duplicates, search, partial patch, delete', async () => {
    const { body: resource } = await api.createResource({
      name: 'Docs',
      indicator: 'https://docs.example.com',
    });
    const read = await api.createScope(resource.id, { name: 'read:docs', description: 'Read documents' });
    assert.equal(read.status, 200);
    await api.createScope(resource.id, { name: 'write:docs', description: 'Write documents' });

    const spaced = await api.createScope(resource.id, { name: 'read docs', description: 'x' });
    assert.equal((spaced.body as unknown as ErrorBody).code, 'scope.name_with_space');
    const duplicate = await api.createScope(resource.id, { name: 'read:docs', description: 'again' });
    assert.equal(duplicate.status, 422);
    assert.equal((duplicate.body as unknown as ErrorBody).code, 'scope.name_exists');
    assert.equal((await api.createScope('nope', { name: 'x', description: 'x' })).status, 404);

    const found = await api.call<Scope[]>('GET', `/resources/${resource.id}/scopes?search=%25write%25`);
    assert.deepEqual(
      found.body.map((scope) => scope.name),
      ['write:docs'],
    );
    assert.equal(found.headers.get('total-number'), '1');
    const badSearch = await api.call<ErrorBody>('GET', `/resources/${resource.id}/scopes?search.secret=x`);
    assert.equal(badSearch.body.code, 'request.invalid_input');

    const patched = await api.call<Scope>('PATCH', `/resources/${resource.id}/scopes/${read.body.id}`, {
      description: 'Read',
    });
    assert.equal(patched.body.name, 'read:docs');
    assert.equal(patched.body.description, 'Read');
    const clash = await api.call<ErrorBody>('PATCH', `/resources/${resource.id}/scopes/${read.body.id}`, {
      name: 'write:docs',
    });
    assert.equal(clash.status, 422);
    assert.equal(
      (await api.call('PATCH', `/resources/other/scopes/${read.body.id}`, { name: 'y' })).status,
      404,
    );

    assert.equal((await api.call('DELETE', `/resources/${resource.id}/scopes/${read.body.id}`)).status, 204);
    assert.equal((await api.call('DELETE', `/resources/${resource.id}/scopes/${read.body.id}`)).status, 404);
  });
});
