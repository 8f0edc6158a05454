import type { Queryable } from '../driver.ts';
import { raw, type Sql, sql } from '../sql.ts';

export type Role = { tenantId: string; id: string; name: string; description: string };

export const roleColumns = sql`tenant_id as "tenantId", id, name, description`;

/** Names with this prefix are Latch's own roles: hidden from lists, read-only (spec §3.2). */
export const internalRolePrefix = '#internal:';
export const internalAdminRoleName = '#internal:admin';

export const findRoleByName = async (db: Queryable, tenantId: string, name: string) => {
  const { rows } = await db.query<Role>(
    sql`select ${roleColumns} from roles where tenant_id = ${tenantId} and name = ${name}`,
  );
  return rows[0];
};

export const findRolesByNames = async (db: Queryable, tenantId: string, names: readonly string[]) => {
  const { rows } = await db.query<Role>(
    sql`select ${roleColumns} from roles where tenant_id = ${tenantId} and name = any(${[...names]}::text[])`,
  );
  return rows;
};

export const findRolesByIds = async (db: Queryable, tenantId: string, ids: readonly string[]) => {
  const { rows } = await db.query<Role>(
    sql`select ${roleColumns} from roles where tenant_id = ${tenantId} and id = any(${[...ids]}::text[])`,
  );
  return rows;
};

export const roleSearchColumns = { id: raw('r.id'), name: raw('r.name'), description: raw('r.description') };

const listWhere = (tenantId: string, condition?: Sql, excludeUserId?: string) => sql`r.tenant_id = ${tenantId}
  and r.name not like ${`${internalRolePrefix}%`}
  ${condition ? sql`and ${condition}` : raw('')}
  ${
    excludeUserId
      ? sql`and not exists (select 1 from users_roles ur where ur.tenant_id = r.tenant_id and ur.role_id = r.id and ur.user_id = ${excludeUserId})`
      : raw('')
  }`;

export type RoleWithUsers = Role & {
  usersCount: number;
  featuredUsers: { id: string; avatar: string | null; name: string | null }[];
};

/** Roles for the list page (internal roles hidden), with their user count and up to three users. */
export const findRoles = async (
  db: Queryable,
  tenantId: string,
  page: { limit: number; offset: number },
  condition?: Sql,
  excludeUserId?: string,
) => {
  const { rows } =
    await db.query<RoleWithUsers>(sql`select r.tenant_id as "tenantId", r.id, r.name, r.description,
      (select count(*)::int from users_roles ur where ur.tenant_id = r.tenant_id and ur.role_id = r.id) as "usersCount",
      coalesce((select json_agg(json_build_object('id', u.id, 'avatar', u.avatar, 'name', u.name))
        from (select u.id, u.avatar, u.name from users_roles ur
          join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id
          where ur.tenant_id = r.tenant_id and ur.role_id = r.id order by u.created_at desc limit 3) u), '[]'::json)
        as "featuredUsers"
    from roles r where ${listWhere(tenantId, condition, excludeUserId)}
    order by r.name, r.id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countRoles = async (
  db: Queryable,
  tenantId: string,
  condition?: Sql,
  excludeUserId?: string,
) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from roles r where ${listWhere(tenantId, condition, excludeUserId)}`,
  );
  return rows[0]?.count ?? 0;
};

export const findRoleById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<Role>(
    sql`select ${roleColumns} from roles where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const insertRole = async (db: Queryable, role: Role) => {
  const { rows } = await db.query<Role>(sql`insert into roles (tenant_id, id, name, description)
    values (${role.tenantId}, ${role.id}, ${role.name}, ${role.description}) returning ${roleColumns}`);
  return rows[0]!;
};

export const updateRole = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: { name?: string; description?: string },
) => {
  const { rows } = await db.query<Role>(sql`update roles set name = coalesce(${patch.name ?? null}, name),
      description = coalesce(${patch.description ?? null}, description)
    where tenant_id = ${tenantId} and id = ${id} returning ${roleColumns}`);
  return rows[0];
};

export const deleteRole = async (db: Queryable, tenantId: string, id: string) =>
  (await db.query(sql`delete from roles where tenant_id = ${tenantId} and id = ${id}`)).rowCount > 0;
