import type { Scope } from '../../schemas/resource.ts';
import type { Queryable } from '../driver.ts';
import { raw, type Sql, sql } from '../sql.ts';
import { scopeColumns } from './resources.ts';

export const scopeSearchColumns = { id: raw('id'), name: raw('name'), description: raw('description') };

const where = (tenantId: string, resourceId: string, condition?: Sql) =>
  sql`tenant_id = ${tenantId} and resource_id = ${resourceId} ${condition ? sql`and ${condition}` : raw('')}`;

export const findScopes = async (
  db: Queryable,
  tenantId: string,
  resourceId: string,
  page: { limit: number; offset: number },
  condition?: Sql,
) => {
  const { rows } =
    await db.query<Scope>(sql`select ${scopeColumns} from scopes where ${where(tenantId, resourceId, condition)}
    order by created_at, id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countScopes = async (db: Queryable, tenantId: string, resourceId: string, condition?: Sql) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from scopes where ${where(tenantId, resourceId, condition)}`,
  );
  return rows[0]?.count ?? 0;
};

export const findScopeById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<Scope>(
    sql`select ${scopeColumns} from scopes where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const findScopesByIds = async (db: Queryable, tenantId: string, ids: readonly string[]) => {
  const { rows } = await db.query<Scope>(sql`select ${scopeColumns} from scopes
    where tenant_id = ${tenantId} and id = any(${[...ids]}::text[])`);
  return rows;
};

export const insertScope = async (db: Queryable, scope: Omit<Scope, 'createdAt'>) => {
  const { rows } =
    await db.query<Scope>(sql`insert into scopes (tenant_id, id, resource_id, name, description)
    values (${scope.tenantId}, ${scope.id}, ${scope.resourceId}, ${scope.name}, ${scope.description})
    returning ${scopeColumns}`);
  return rows[0]!;
};

export const updateScope = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: { name?: string; description?: string },
) => {
  const { rows } = await db.query<Scope>(sql`update scopes set
      name = coalesce(${patch.name ?? null}, name),
      description = coalesce(${patch.description ?? null}, description)
    where tenant_id = ${tenantId} and id = ${id} returning ${scopeColumns}`);
  return rows[0];
};

export const deleteScope = async (db: Queryable, tenantId: string, resourceId: string, id: string) =>
  (
    await db.query(
      sql`delete from scopes where tenant_id = ${tenantId} and resource_id = ${resourceId} and id = ${id}`,
    )
  ).rowCount > 0;
