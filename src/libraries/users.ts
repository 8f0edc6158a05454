/** Rules shared by the user routes and the sign-in flows (spec §4.2, §8.6). */
import type { Queryable } from '../db/driver.ts';
import { findRolesByNames } from '../db/queries/roles.ts';
import { findUserById, insertUser, type UserFields } from '../db/queries/users.ts';
import { insertUsersRoles } from '../db/queries/users-roles.ts';
import { sql } from '../db/sql.ts';
import { ApiError } from '../errors/api-error.ts';
import { defaultTenantId } from '../tenancy/tenant.ts';
import { generateUserId } from './ids.ts';

export const userNotFound = () => new ApiError('entity.not_found', { status: 404 });

export const requireUser = async (db: Queryable, tenantId: string, id: string) => {
  const user = await findUserById(db, tenantId, id);
  if (!user) throw userNotFound();
  return user;
};

/**
 * Inserts a user and gives it the tenant's default roles (`USER_DEFAULT_ROLE_NAMES`, tenant
 * `default` only) plus `extraRoleIds`. Run it in a transaction: a missing default role or a
 * taken identifier leaves no user behind.
 */
export const createUser = async (
  tx: Queryable,
  tenantId: string,
  fields: UserFields,
  {
    defaultRoleNames = [],
    extraRoleIds = [],
  }: { defaultRoleNames?: readonly string[]; extraRoleIds?: string[] } = {},
) => {
  const names = tenantId === defaultTenantId ? defaultRoleNames : [];
  const roles = names.length > 0 ? await findRolesByNames(tx, tenantId, names) : [];
  if (roles.length !== new Set(names).size) throw new ApiError('role.default_role_missing', { status: 400 });
  const user = await insertUser(tx, tenantId, generateUserId(), fields);
  const roleIds = [...new Set([...roles.map((role) => role.id), ...extraRoleIds])];
  await insertUsersRoles(
    tx,
    tenantId,
    roleIds.map((roleId) => ({ userId: user.id, roleId })),
  );
  return user;
};

/**
 * Ends everything the provider holds for a user — sessions, grants, codes and tokens — so a
 * suspended or deleted user is signed out everywhere at once (Logto quirk Q3 fixed: it tried to
 * delete refresh tokens by a key they do not have).
 */
export const revokeUserArtifacts = async (db: Queryable, tenantId: string, userId: string) => {
  await db.query(sql`delete from oidc_model_instances
    where tenant_id = ${tenantId} and payload ? 'accountId' and payload ->> 'accountId' = ${userId}`);
};
