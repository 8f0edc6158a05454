/**
 * Role-based access: which scope names of a resource a user or an application holds through its
 * roles (users_roles / applications_roles → roles_scopes → scopes of the resource).
 */
import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';

export type ResourceRow = { id: string; name: string; indicator: string; accessTokenTtl: number };

export const findResourceByIndicator = async (db: Queryable, tenantId: string, indicator: string) => {
  const { rows } =
    await db.query<ResourceRow>(sql`select id, name, indicator, access_token_ttl as "accessTokenTtl"
    from resources where tenant_id = ${tenantId} and indicator = ${indicator}`);
  return rows[0];
};

export const findUserScopeNames = async (
  db: Queryable,
  tenantId: string,
  userId: string,
  resourceId: string,
) => {
  const { rows } = await db.query<{ name: string }>(sql`select distinct s.name from users_roles ur
    join roles_scopes rs on rs.tenant_id = ur.tenant_id and rs.role_id = ur.role_id
    join scopes s on s.tenant_id = rs.tenant_id and s.id = rs.scope_id
    where ur.tenant_id = ${tenantId} and ur.user_id = ${userId} and s.resource_id = ${resourceId}
    order by s.name`);
  return rows.map((row) => row.name);
};

export const findApplicationScopeNames = async (
  db: Queryable,
  tenantId: string,
  applicationId: string,
  resourceId: string,
) => {
  const { rows } = await db.query<{ name: string }>(sql`select distinct s.name from applications_roles ar
    join roles_scopes rs on rs.tenant_id = ar.tenant_id and rs.role_id = ar.role_id
    join scopes s on s.tenant_id = rs.tenant_id and s.id = rs.scope_id
    where ar.tenant_id = ${tenantId} and ar.application_id = ${applicationId} and s.resource_id = ${resourceId}
    order by s.name`);
  return rows.map((row) => row.name);
};
