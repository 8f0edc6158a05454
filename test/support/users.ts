/** Users and their roles for OIDC tests, through the management API as an administrator would. */
import assert from 'node:assert/strict';
import type { UserInfo } from '../../src/schemas/user.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import type { TestServer } from './server.ts';

export type TestUser = { id: string; username: string; email: string; password: string };

export const testPassword = 'test-Password-1';

let counter = 0;

export const createUser = async (
  server: TestServer,
  fields: Record<string, string> = {},
): Promise<TestUser> => {
  const suffix = `${process.pid}_${++counter}_${Date.now().toString(36)}`;
  const { status, body, text } = await managementClient(server.user, devAuth).call<UserInfo>(
    'POST',
    '/users',
    {
      username: `user_${suffix}`,
      primaryEmail: `user_${suffix}@example.com`,
      name: `User ${suffix}`,
      password: testPassword,
      ...fields,
    },
  );
  assert.equal(status, 200, text);
  return {
    id: body.id,
    username: body.username!,
    email: body.primaryEmail!,
    password: fields.password ?? testPassword,
  };
};

export const assignRole = async (server: TestServer, userId: string, roleId: string) => {
  const { status, text } = await managementClient(server.user, devAuth).call(
    'POST',
    `/users/${userId}/roles`,
    {
      roleIds: [roleId],
    },
  );
  assert.equal(status, 201, text);
};

export const suspendUser = async (server: TestServer, userId: string) => {
  const { status, text } = await managementClient(server.user, devAuth).call(
    'PATCH',
    `/users/${userId}/is-suspended`,
    { isSuspended: true },
  );
  assert.equal(status, 200, text);
};
