import type { Application } from '../../schemas/application.ts';
import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

const columns = sql`tenant_id as "tenantId", id, name, secret, description, type,
  oidc_client_metadata as "oidcClientMetadata", custom_client_metadata as "customClientMetadata",
  ${epochMs('created_at')} as "createdAt"`;

export const findApplicationById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<Application>(
    sql`select ${columns} from applications where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const findApplications = async (db: Queryable, tenantId: string, limit: number, offset: number) => {
  const { rows } = await db.query<Application>(
    sql`select ${columns} from applications where tenant_id = ${tenantId}
      order by created_at desc, id limit ${limit} offset ${offset}`,
  );
  return rows;
};

export const countApplications = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from applications where tenant_id = ${tenantId}`,
  );
  return rows[0]?.count ?? 0;
};

export const insertApplication = async (db: Queryable, app: Omit<Application, 'createdAt'>) => {
  const { rows } = await db.query<Application>(sql`insert into applications
    (tenant_id, id, name, secret, description, type, oidc_client_metadata, custom_client_metadata)
    values (${app.tenantId}, ${app.id}, ${app.name}, ${app.secret}, ${app.description}, ${app.type},
      ${json(app.oidcClientMetadata)}, ${json(app.customClientMetadata)})
    returning ${columns}`);
  return rows[0]!;
};

export const updateApplication = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: Partial<
    Pick<
      Application,
      'name' | 'secret' | 'description' | 'type' | 'oidcClientMetadata' | 'customClientMetadata'
    >
  >,
) => {
  const { rows } = await db.query<Application>(sql`update applications set
      name = coalesce(${patch.name ?? null}, name),
      secret = coalesce(${patch.secret ?? null}, secret),
      description = case when ${patch.description !== undefined} then ${patch.description ?? null} else description end,
      type = coalesce(${patch.type ?? null}, type),
      oidc_client_metadata = coalesce(${patch.oidcClientMetadata ? json(patch.oidcClientMetadata) : null}::jsonb, oidc_client_metadata),
      custom_client_metadata = coalesce(${patch.customClientMetadata ? json(patch.customClientMetadata) : null}::jsonb, custom_client_metadata)
    where tenant_id = ${tenantId} and id = ${id}
    returning ${columns}`);
  return rows[0];
};

export const deleteApplication = async (db: Queryable, tenantId: string, id: string) => {
  const { rowCount } = await db.query(
    sql`delete from applications where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rowCount > 0;
};
