import { generateId } from '../../libraries/ids.ts';
import type { Scope } from '../../schemas/resource.ts';
import type { Queryable } from '../driver.ts';
import { raw, type Sql, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export type ScopeWithResource = Scope & {
  resource: { tenantId: string; id: string; name: string; indicator: string; accessTokenTtl: number };
};

export const roleScopeSearchColumns = {
  id: raw('s.id'),
  name: raw('s.name'),
  description: raw('s.description'),
};

const where = (tenantId: string, roleId: string, condition?: Sql) =>
  sql`rs.tenant_id = ${tenantId} and rs.role_id = ${roleId} ${condition ? sql`and ${condition}` : raw('')}`;

export const findRoleScopes = async (
  db: Queryable,
  tenantId: string,
  roleId: string,
  page?: { limit: number; offset: number },
  condition?: Sql,
) => {
  const { rows } = await db.query<ScopeWithResource>(sql`select s.tenant_id as "tenantId", s.id,
      s.resource_id as "resourceId", s.name, s.description, ${epochMs('s.created_at')} as "createdAt",
      json_build_object('tenantId', r.tenant_id, 'id', r.id, 'name', r.name, 'indicator', r.indicator,
        'accessTokenTtl', r.access_token_ttl) as resource
    from roles_scopes rs
    join scopes s on s.tenant_id = rs.tenant_id and s.id = rs.scope_id
    join resources r on r.tenant_id = s.tenant_id and r.id = s.resource_id
    where ${where(tenantId, roleId, condition)}
    order by s.created_at, s.id ${page ? sql`limit ${page.limit} offset ${page.offset}` : raw('')}`);
  return rows;
};

export const countRoleScopes = async (db: Queryable, tenantId: string, roleId: string, condition?: Sql) => {
  const { rows } = await db.query<{ count: number }>(sql`select count(*)::int as count from roles_scopes rs
    join scopes s on s.tenant_id = rs.tenant_id and s.id = rs.scope_id where ${where(tenantId, roleId, condition)}`);
  return rows[0]?.count ?? 0;
};

export const findLinkedScopeIds = async (
  db: Queryable,
  tenantId: string,
  roleId: string,
  scopeIds: readonly string[],
) => {
  const { rows } = await db.query<{ scopeId: string }>(sql`select scope_id as "scopeId" from roles_scopes
    where tenant_id = ${tenantId} and role_id = ${roleId} and scope_id = any(${[...scopeIds]}::text[])`);
  return rows.map((row) => row.scopeId);
};

export const insertRoleScopes = async (
  db: Queryable,
  tenantId: string,
  roleId: string,
  scopeIds: readonly string[],
) => {
  for (const scopeId of scopeIds) {
    await db.query(sql`insert into roles_scopes (tenant_id, id, role_id, scope_id)
      values (${tenantId}, ${generateId()}, ${roleId}, ${scopeId})`);
  }
};

export const deleteRoleScope = async (db: Queryable, tenantId: string, roleId: string, scopeId: string) =>
  (
    await db.query(
      sql`delete from roles_scopes where tenant_id = ${tenantId} and role_id = ${roleId} and scope_id = ${scopeId}`,
    )
  ).rowCount > 0;
