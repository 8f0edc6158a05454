import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export type UserClaimsRow = {
  id: string;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  name: string | null;
  avatar: string | null;
  customData: Record<string, unknown>;
  identities: Record<string, unknown>;
  isSuspended: boolean;
  createdAt: number;
};

export const findUserById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<UserClaimsRow>(sql`select id, username, primary_email as "primaryEmail",
      primary_phone as "primaryPhone", name, avatar, custom_data as "customData", identities,
      is_suspended as "isSuspended", ${epochMs('created_at')} as "createdAt"
    from users where tenant_id = ${tenantId} and id = ${id}`);
  return rows[0];
};

export const findUserRoleNames = async (db: Queryable, tenantId: string, userId: string) => {
  const { rows } = await db.query<{ name: string }>(sql`select r.name from users_roles ur
    join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where ur.tenant_id = ${tenantId} and ur.user_id = ${userId} order by r.name`);
  return rows.map((row) => row.name);
};

/** Remembers the first application a user consented to (Logto's `users.application_id`). */
export const setUserApplicationIfEmpty = async (
  db: Queryable,
  tenantId: string,
  userId: string,
  applicationId: string,
) => {
  await db.query(sql`update users set application_id = ${applicationId}
    where tenant_id = ${tenantId} and id = ${userId} and application_id is null`);
};
