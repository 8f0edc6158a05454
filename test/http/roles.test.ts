import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Role = { id: string; name: string; description: string; usersCount?: number; featuredUsers?: unknown[] };
type ScopeWithResource = { id: string; name: string; resource: { indicator: string } };

describe('/api/roles', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  let scopeIds: string[];
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
    const { body: resource } = await api.createResource({
      name: 'Shop',
      indicator: 'https://shop.example.com',
    });
    scopeIds = [];
    for (const name of ['read:orders', 'write:orders']) {
      scopeIds.push((await api.createScope(resource.id, { name, description: name })).body.id);
    }
  });
  after(() => server.close());

  it('creates a role with scopes and lists it with usersCount, hiding internal roles', async () => {
    const created = await api.call<Role>('POST', '/roles', {
      name: 'clerk',
      description: 'Shop clerk',
      scopeIds,
    });
    assert.equal(created.status, 200);
    const list = await api.call<Role[]>('GET', '/roles?page_size=100');
    assert.ok(
      list.body.some(
        (role) => role.name === 'clerk' && role.usersCount === 0 && Array.isArray(role.featuredUsers),
      ),
    );
    assert.ok(!list.body.some((role) => role.name.startsWith('#internal:')));
    const scopes = await api.call<ScopeWithResource[]>('GET', `/roles/${created.body.id}/scopes`);
    assert.deepEqual(
      scopes.body.map((scope) => [scope.name, scope.resource.indicator]),
      [
        ['read:orders', 'https://shop.example.com'],
        ['write:orders', 'https://shop.example.com'],
      ],
    );
    const searched = await api.call<Role[]>('GET', '/roles?search.name=cl%25');
    assert.deepEqual(
      searched.body.map((role) => role.name),
      ['clerk'],
    );
  });

  it('refuses a taken name (422), an internal name (403), unknown scopes (404), and writes nothing', async () => {
    const taken = await api.call<ErrorBody>('POST', '/roles', { name: 'clerk', description: 'again' });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.code, 'role.name_in_use');
    const internal = await api.call<ErrorBody>('POST', '/roles', {
      name: '#internal:sneaky',
      description: 'x',
    });
    assert.equal(internal.status, 403);
    assert.equal(internal.body.code, 'role.internal_role_violation');
    const unknown = await api.call<ErrorBody>('POST', '/roles', {
      name: 'ghost',
      description: 'x',
      scopeIds: ['nope'],
    });
    assert.equal(unknown.status, 404);
    assert.equal((await api.call<Role[]>('GET', '/roles?search.name=ghost')).body.length, 0);
  });

  it('keeps the internal admin role read-only', async () => {
    assert.equal((await api.call<Role>('GET', '/roles/admin-role')).body.name, '#internal:admin');
    assert.equal((await api.call<ErrorBody>('PATCH', '/roles/admin-role', { description: 'x' })).status, 403);
    assert.equal((await api.call<ErrorBody>('DELETE', '/roles/admin-role')).status, 403);
    assert.equal((await api.call<ErrorBody>('POST', '/roles/admin-role/scopes', { scopeIds })).status, 403);
    assert.equal(
      (await api.call<ErrorBody>('DELETE', '/roles/admin-role/scopes/management-api-all')).status,
      403,
    );
  });

  it('adds scopes (422 when already linked), removes them, renames and deletes', async () => {
    const { body: role } = await api.call<Role>('POST', '/roles', { name: 'viewer', description: 'Viewer' });
    const added = await api.call<ScopeWithResource[]>('POST', `/roles/${role.id}/scopes`, {
      scopeIds: [scopeIds[0]],
    });
    assert.deepEqual(
      added.body.map((scope) => scope.name),
      ['read:orders'],
    );
    const again = await api.call<ErrorBody & { data: { scopeId: string } }>(
      'POST',
      `/roles/${role.id}/scopes`,
      { scopeIds },
    );
    assert.equal(again.status, 422);
    assert.equal(again.body.code, 'role.scope_exists');
    assert.equal(again.body.data.scopeId, scopeIds[0]);
    assert.equal((await api.call('DELETE', `/roles/${role.id}/scopes/${scopeIds[0]}`)).status, 204);
    assert.equal((await api.call('DELETE', `/roles/${role.id}/scopes/${scopeIds[0]}`)).status, 404);
    assert.equal(
      (await api.call<Role>('PATCH', `/roles/${role.id}`, { name: 'reader' })).body.name,
      'reader',
    );
    assert.equal((await api.call('PATCH', `/roles/${role.id}`, { name: 'clerk' })).status, 422);
    assert.equal((await api.call('DELETE', `/roles/${role.id}`)).status, 204);
    assert.equal((await api.call('GET', `/roles/${role.id}`)).status, 404);
  });
});
