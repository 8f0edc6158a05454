import type { Resource, Scope } from '../../schemas/resource.ts';
import type { Queryable } from '../driver.ts';
import { raw, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

const resourceColumns = sql`tenant_id as "tenantId", id, name, indicator, access_token_ttl as "accessTokenTtl"`;
export const scopeColumns = sql`tenant_id as "tenantId", id, resource_id as "resourceId", name, description,
  ${epochMs('created_at')} as "createdAt"`;

export const findResources = async (
  db: Queryable,
  tenantId: string,
  page?: { limit: number; offset: number },
) => {
  const { rows } =
    await db.query<Resource>(sql`select ${resourceColumns} from resources where tenant_id = ${tenantId}
    order by name, id ${page ? sql`limit ${page.limit} offset ${page.offset}` : raw('')}`);
  return rows;
};

export const countResources = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from resources where tenant_id = ${tenantId}`,
  );
  return rows[0]?.count ?? 0;
};

export const findResourceById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<Resource>(
    sql`select ${resourceColumns} from resources where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const insertResource = async (db: Queryable, resource: Resource) => {
  const { rows } =
    await db.query<Resource>(sql`insert into resources (tenant_id, id, name, indicator, access_token_ttl)
    values (${resource.tenantId}, ${resource.id}, ${resource.name}, ${resource.indicator}, ${resource.accessTokenTtl})
    returning ${resourceColumns}`);
  return rows[0]!;
};

export const updateResource = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: Partial<Pick<Resource, 'name' | 'indicator' | 'accessTokenTtl'>>,
) => {
  const { rows } = await db.query<Resource>(sql`update resources set
      name = coalesce(${patch.name ?? null}, name),
      indicator = coalesce(${patch.indicator ?? null}, indicator),
      access_token_ttl = coalesce(${patch.accessTokenTtl ?? null}::bigint, access_token_ttl)
    where tenant_id = ${tenantId} and id = ${id} returning ${resourceColumns}`);
  return rows[0];
};

export const deleteResource = async (db: Queryable, tenantId: string, id: string) =>
  (await db.query(sql`delete from resources where tenant_id = ${tenantId} and id = ${id}`)).rowCount > 0;

export const findScopesByResourceIds = async (
  db: Queryable,
  tenantId: string,
  resourceIds: readonly string[],
) => {
  const { rows } = await db.query<Scope>(sql`select ${scopeColumns} from scopes
    where tenant_id = ${tenantId} and resource_id = any(${[...resourceIds]}::text[]) order by created_at, id`);
  return rows;
};
