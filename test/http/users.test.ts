import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/db/sql.ts';
import type { UserInfo } from '../../src/schemas/user.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('/api/users', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  const userCount = async () =>
    (await server.db.query<{ count: number }>(sql`select count(*)::int as count from users`)).rows[0]!.count;
  const create = (body: Record<string, unknown>) => api.call<UserInfo>('POST', '/users', body);

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('creates a user: user info only, never password fields or the tenant', async () => {
    const { status, body } = await create({
      username: 'alice',
      primaryEmail: 'Alice@Example.com',
      primaryPhone: '15550001',
      password: 'correct-horse-1',
      name: 'Alice',
    });
    assert.equal(status, 200);
    assert.match(body.id, /^[\dA-Za-z]{12}$/);
    assert.deepEqual(Object.keys(body).sort(), [
      'applicationId',
      'avatar',
      'createdAt',
      'customData',
      'id',
      'identities',
      'isSuspended',
      'lastSignInAt',
      'name',
      'primaryEmail',
      'primaryPhone',
      'username',
    ]);
    assert.equal(body.username, 'alice');
    assert.equal(body.lastSignInAt, null);
    const { rows } = await server.db.query<{ hash: string; method: string }>(sql`select
      password_encrypted as hash, password_encryption_method as method from users where id = ${body.id}`);
    assert.equal(rows[0]!.method, 'Argon2id');
    assert.match(rows[0]!.hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const empty = await create({});
    assert.equal(empty.status, 200);
    assert.equal(empty.body.username, null);
  });

  it('refuses malformed identifiers and weak passwords, creating nothing', async () => {
    const before = await userCount();
    for (const body of [
      { username: '1starts-with-digit' },
      { primaryEmail: 'not-an-email' },
      { primaryPhone: '+1 555' },
      { password: 'short1' },
      { password: 'onlyletters' },
      { password: 'pässwörd123' },
    ]) {
      const response = await api.call<ErrorBody>('POST', '/users', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.code, 'guard.invalid_input');
    }
    assert.equal(await userCount(), before);
  });

  it('answers taken identifiers with 422 (email case-insensitively), creating nothing', async () => {
    await create({ username: 'bob', primaryEmail: 'bob@example.com', primaryPhone: '15550002' });
    const before = await userCount();
    for (const [body, code] of [
      [{ username: 'bob' }, 'user.username_already_in_use'],
      [{ primaryEmail: 'BOB@example.COM' }, 'user.email_already_in_use'],
      [{ primaryPhone: '15550002' }, 'user.phone_already_in_use'],
    ] as const) {
      const response = await api.call<ErrorBody>('POST', '/users', body);
      assert.equal(response.status, 422);
      assert.equal(response.body.code, code);
    }
    assert.equal(await userCount(), before);
  });

  it('lists newest first with pagination headers, search and excludeRoleId', async () => {
    const { body: carol } = await create({ username: 'carol_search', name: 'Carol' });
    const { body: dave } = await create({ username: 'dave_search', name: 'Dave' });
    const all = await api.call<UserInfo[]>('GET', '/users?page=1&page_size=2');
    assert.equal(all.status, 200);
    assert.equal(all.body.length, 2);
    assert.equal(all.body[0]!.id, dave.id);
    assert.ok(Number(all.headers.get('total-number')) >= 4);

    const found = await api.call<UserInfo[]>('GET', '/users?search=%25_search&page_size=10');
    assert.deepEqual(
      found.body.map((user) => user.username),
      ['dave_search', 'carol_search'],
    );
    const exact = await api.call<UserInfo[]>(
      'GET',
      '/users?search.username=CAROL_search&mode.username=exact',
    );
    assert.deepEqual(
      exact.body.map((user) => user.id),
      [carol.id],
    );
    const bad = await api.call<ErrorBody>('GET', '/users?search.password_encrypted=x');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'request.invalid_input');

    const { body: role } = await api.call<{ id: string }>('POST', '/roles', {
      name: 'searchers',
      description: 'x',
    });
    await api.call('POST', `/users/${carol.id}/roles`, { roleIds: [role.id] });
    const without = await api.call<UserInfo[]>('GET', `/users?search=%25_search&excludeRoleId=${role.id}`);
    assert.deepEqual(
      without.body.map((user) => user.id),
      [dave.id],
    );
  });

  it('reads, patches (clearing with "" or null, replacing customData), and 404s unknown ids', async () => {
    const { body: user } = await create({ username: 'erin', name: 'Erin' });
    await api.call('PATCH', `/users/${user.id}`, { customData: { a: 1, b: 2 } });
    const patched = await api.call<UserInfo>('PATCH', `/users/${user.id}`, {
      name: '',
      username: null,
      avatar: 'https://example.com/erin.png',
      customData: { c: 3 },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, null);
    assert.equal(patched.body.username, null);
    assert.equal(patched.body.avatar, 'https://example.com/erin.png');
    assert.deepEqual(patched.body.customData, { c: 3 });
    assert.deepEqual((await api.call<UserInfo>('GET', `/users/${user.id}`)).body, patched.body);

    const taken = await api.call<ErrorBody>('PATCH', `/users/${user.id}`, { username: 'alice' });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.code, 'user.username_already_in_use');
    const invalid = await api.call<ErrorBody>('PATCH', `/users/${user.id}`, { avatar: 'not a url' });
    assert.equal(invalid.status, 400);
    for (const [method, path] of [
      ['GET', '/users/nobody'],
      ['PATCH', '/users/nobody'],
      ['DELETE', '/users/nobody'],
      ['GET', '/users/nobody/custom-data'],
    ] as const) {
      const response = await api.call<ErrorBody>(
        method,
        path,
        method === 'PATCH' ? { name: 'x' } : undefined,
      );
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.body.code, 'entity.not_found');
    }
  });

  it('merges custom data and sets a password', async () => {
    const { body: user } = await create({ username: 'frank' });
    await api.call('PATCH', `/users/${user.id}`, { customData: { keep: true, change: 1 } });
    const merged = await api.call('PATCH', `/users/${user.id}/custom-data`, {
      customData: { change: 2, add: 'x' },
    });
    assert.deepEqual(merged.body, { keep: true, change: 2, add: 'x' });
    assert.deepEqual((await api.call('GET', `/users/${user.id}/custom-data`)).body, merged.body);

    assert.equal((await api.call('PATCH', `/users/${user.id}/password`, { password: 'weak' })).status, 400);
    assert.equal(
      (await api.call('PATCH', `/users/${user.id}/password`, { password: 'New-password-1' })).status,
      200,
    );
    const { rows } = await server.db.query<{ hash: string }>(
      sql`select password_encrypted as hash from users where id = ${user.id}`,
    );
    assert.match(rows[0]!.hash, /^\$argon2id\$/);
  });

  it('unlinks a social identity, 404 user.identity_not_exist when absent', async () => {
    const { body: user } = await create({ username: 'gina' });
    await server.db.query(sql`update users set identities = ${{ github: { userId: 'g1' }, google: { userId: 'o1' } }}
      where id = ${user.id}`);
    const unlinked = await api.call<UserInfo>('DELETE', `/users/${user.id}/identities/github`);
    assert.equal(unlinked.status, 200);
    assert.deepEqual(unlinked.body.identities, { google: { userId: 'o1' } });
    const again = await api.call<ErrorBody>('DELETE', `/users/${user.id}/identities/github`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'user.identity_not_exist');
  });

  it('deletes a user, never oneself', async () => {
    const self = await api.call<ErrorBody>('DELETE', '/users/integration-test');
    assert.equal(self.status, 400);
    assert.equal(self.body.code, 'user.cannot_delete_self');
    const { body: user } = await create({ username: 'hank' });
    assert.equal((await api.call('DELETE', `/users/${user.id}`)).status, 204);
    assert.equal((await api.call('GET', `/users/${user.id}`)).status, 404);
  });

  it('assigns, lists, replaces and removes roles from both sides', async () => {
    const { body: user } = await create({ username: 'ivy' });
    const { body: other } = await create({ username: 'jack' });
    const role = async (name: string) =>
      (await api.call<{ id: string }>('POST', '/roles', { name, description: name })).body.id;
    const [editor, viewer] = [await role('editor'), await role('viewer')];

    const assigned = await api.call('POST', `/users/${user.id}/roles`, { roleIds: [editor] });
    assert.equal(assigned.status, 201);
    assert.equal(assigned.text, 'Created');
    const again = await api.call<ErrorBody>('POST', `/users/${user.id}/roles`, { roleIds: [viewer, editor] });
    assert.equal(again.status, 422);
    assert.equal(again.body.code, 'user.role_exists');
    assert.deepEqual(again.body.data, { roleId: editor });
    const unknown = await api.call<ErrorBody>('POST', `/users/${user.id}/roles`, { roleIds: ['no-role'] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'entity.not_exists_with_id');
    const names = async () =>
      (await api.call<{ name: string }[]>('GET', `/users/${user.id}/roles?page=1`)).body.map((r) => r.name);
    assert.deepEqual(await names(), ['editor'], 'the failed requests assigned nothing');

    // The internal admin role can be assigned (spec §3.2) but is not listed.
    await api.call('POST', `/users/${user.id}/roles`, { roleIds: ['admin-role'] });
    assert.deepEqual(await names(), ['editor']);

    const replaced = await api.call('PUT', `/users/${user.id}/roles`, { roleIds: [viewer] });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.text, 'OK');
    assert.deepEqual(await names(), ['viewer']);
    const { rows } = await server.db.query(sql`select role_id from users_roles where user_id = ${user.id}`);
    assert.equal(rows.length, 1, 'PUT replaced the internal role too');

    assert.equal((await api.call('POST', `/roles/${viewer}/users`, { userIds: [other.id] })).status, 201);
    const holding = await api.call<ErrorBody>('POST', `/roles/${viewer}/users`, { userIds: [user.id] });
    assert.equal(holding.status, 422);
    assert.equal(holding.body.code, 'role.user_exists');
    const nobody = await api.call<ErrorBody>('POST', `/roles/${viewer}/users`, { userIds: ['nobody'] });
    assert.equal(nobody.status, 404);
    const holders = await api.call<UserInfo[]>('GET', `/roles/${viewer}/users?page=1`);
    assert.deepEqual(holders.body.map((u) => u.username).sort(), ['ivy', 'jack']);
    assert.equal(holders.headers.get('total-number'), '2');

    assert.equal((await api.call('DELETE', `/roles/${viewer}/users/${other.id}`)).status, 204);
    assert.equal((await api.call('DELETE', `/users/${user.id}/roles/${viewer}`)).status, 204);
    assert.equal((await api.call('DELETE', `/users/${user.id}/roles/${viewer}`)).status, 404);
    assert.deepEqual(await names(), []);
  });
});

describe('/api/users with USER_DEFAULT_ROLE_NAMES', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', USER_DEFAULT_ROLE_NAMES: 'member, reader' });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('gives new users the default roles, and creates none while one is missing', async () => {
    await api.call('POST', '/roles', { name: 'member', description: 'm' });
    const missing = await api.call<ErrorBody>('POST', '/users', { username: 'early' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'role.default_role_missing');
    const { rows } = await server.db.query(sql`select 1 from users where username = 'early'`);
    assert.equal(rows.length, 0);

    await api.call('POST', '/roles', { name: 'reader', description: 'r' });
    const { body: user } = await api.call<UserInfo>('POST', '/users', { username: 'late' });
    const roles = await api.call<{ name: string }[]>('GET', `/users/${user.id}/roles?page=1`);
    assert.deepEqual(
      roles.body.map((role) => role.name),
      ['member', 'reader'],
    );
  });
});
