/**
 * Users and their roles for OIDC tests, written with SQL until the users API exists
 * ("Users and the sign-in experience API" replaces these with API calls).
 */
import { sql } from '../../src/db/sql.ts';
import { generateId, generateUserId } from '../../src/libraries/ids.ts';
import type { TestDb } from './db.ts';

export type TestUser = { id: string; username: string; email: string };

export const createUser = async (db: TestDb, fields: Partial<TestUser> = {}): Promise<TestUser> => {
  const id = fields.id ?? generateUserId();
  const user = { id, username: fields.username ?? `user_${id}`, email: fields.email ?? `${id}@example.com` };
  await db.query(sql`insert into users (tenant_id, id, username, primary_email, name)
    values ('default', ${user.id}, ${user.username}, ${user.email}, ${`Name ${id}`})`);
  return user;
};

export const assignRole = async (db: TestDb, userId: string, roleId: string) => {
  await db.query(sql`insert into users_roles (tenant_id, id, user_id, role_id)
    values ('default', ${generateId()}, ${userId}, ${roleId})`);
};

export const suspendUser = async (db: TestDb, userId: string) => {
  await db.query(sql`update users set is_suspended = true where tenant_id = 'default' and id = ${userId}`);
};
