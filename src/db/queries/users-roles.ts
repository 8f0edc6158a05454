/** Which roles a user holds (users_roles), seen from either side. */
import { generateId } from '../../libraries/ids.ts';
import type { UserInfo } from '../../schemas/user.ts';
import type { Queryable } from '../driver.ts';
import { join, raw, type Sql, sql } from '../sql.ts';
import { internalRolePrefix, type Role } from './roles.ts';
import { userInfoColumns } from './users.ts';

const rolesWhere = (tenantId: string, userId: string, condition?: Sql) => sql`ur.tenant_id = ${tenantId}
  and ur.user_id = ${userId} and r.name not like ${`${internalRolePrefix}%`}
  ${condition ? sql`and ${condition}` : raw('')}`;

/** The user's roles, internal ones hidden (spec §4.2). */
export const findUserRoles = async (
  db: Queryable,
  tenantId: string,
  userId: string,
  page: { limit: number; offset: number },
  condition?: Sql,
) => {
  const { rows } =
    await db.query<Role>(sql`select ${raw('r.tenant_id as "tenantId", r.id, r.name, r.description')}
    from users_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where ${rolesWhere(tenantId, userId, condition)}
    order by r.name, r.id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countUserRoles = async (db: Queryable, tenantId: string, userId: string, condition?: Sql) => {
  const { rows } = await db.query<{ count: number }>(sql`select count(*)::int as count
    from users_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
    where ${rolesWhere(tenantId, userId, condition)}`);
  return rows[0]?.count ?? 0;
};

/** Which of the given users already hold which of the given roles. */
export const findAssignments = async (
  db: Queryable,
  tenantId: string,
  userIds: readonly string[],
  roleIds: readonly string[],
) => {
  const { rows } = await db.query<{ userId: string; roleId: string }>(sql`select user_id as "userId",
      role_id as "roleId" from users_roles
    where tenant_id = ${tenantId} and user_id = any(${[...userIds]}::text[]) and role_id = any(${[...roleIds]}::text[])`);
  return rows;
};

export const insertUsersRoles = async (
  db: Queryable,
  tenantId: string,
  pairs: readonly { userId: string; roleId: string }[],
) => {
  if (pairs.length === 0) return;
  const values = join(
    pairs.map(({ userId, roleId }) => sql`(${tenantId}, ${generateId()}, ${userId}, ${roleId})`),
  );
  await db.query(sql`insert into users_roles (tenant_id, id, user_id, role_id) values ${values}
    on conflict (tenant_id, user_id, role_id) do nothing`);
};

export const deleteUserRole = async (db: Queryable, tenantId: string, userId: string, roleId: string) =>
  (
    await db.query(sql`delete from users_roles
      where tenant_id = ${tenantId} and user_id = ${userId} and role_id = ${roleId}`)
  ).rowCount > 0;

/** Removes the user's roles that are not in `keep` (internal roles included: PUT replaces the set). */
export const deleteUserRolesExcept = async (
  db: Queryable,
  tenantId: string,
  userId: string,
  keep: string[],
) => {
  await db.query(sql`delete from users_roles
    where tenant_id = ${tenantId} and user_id = ${userId} and not (role_id = any(${keep}::text[]))`);
};

const usersWhere = (tenantId: string, roleId: string, condition?: Sql) =>
  sql`ur.tenant_id = ${tenantId} and ur.role_id = ${roleId} ${condition ? sql`and ${condition}` : raw('')}`;

export const findRoleUsers = async (
  db: Queryable,
  tenantId: string,
  roleId: string,
  page: { limit: number; offset: number },
  condition?: Sql,
) => {
  const { rows } = await db.query<UserInfo>(sql`select ${userInfoColumns}
    from users_roles ur join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id
    where ${usersWhere(tenantId, roleId, condition)}
    order by u.created_at desc, u.id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countRoleUsers = async (db: Queryable, tenantId: string, roleId: string, condition?: Sql) => {
  const { rows } = await db.query<{ count: number }>(sql`select count(*)::int as count
    from users_roles ur join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id
    where ${usersWhere(tenantId, roleId, condition)}`);
  return rows[0]?.count ?? 0;
};
