import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export type ConnectorRow = {
  tenantId: string;
  id: string;
  syncProfile: boolean;
  connectorId: string;
  config: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdAt: number;
};

const columns = sql`tenant_id as "tenantId", id, sync_profile as "syncProfile", connector_id as "connectorId",
  config, metadata, ${epochMs('created_at')} as "createdAt"`;

export const findConnectorRows = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<ConnectorRow>(
    sql`select ${columns} from connectors where tenant_id = ${tenantId} order by created_at, id`,
  );
  return rows;
};

export const findConnectorRowById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<ConnectorRow>(
    sql`select ${columns} from connectors where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const insertConnectorRow = async (db: Queryable, row: Omit<ConnectorRow, 'createdAt'>) => {
  const { rows } = await db.query<ConnectorRow>(sql`insert into connectors
      (tenant_id, id, sync_profile, connector_id, config, metadata)
    values (${row.tenantId}, ${row.id}, ${row.syncProfile}, ${row.connectorId}, ${json(row.config)},
      ${json(row.metadata)})
    returning ${columns}`);
  return rows[0]!;
};

export const updateConnectorRow = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: Partial<Pick<ConnectorRow, 'syncProfile' | 'config' | 'metadata'>>,
) => {
  const { rows } = await db.query<ConnectorRow>(sql`update connectors set
      sync_profile = coalesce(${patch.syncProfile ?? null}, sync_profile),
      config = coalesce(${patch.config ? json(patch.config) : null}::jsonb, config),
      metadata = coalesce(${patch.metadata ? json(patch.metadata) : null}::jsonb, metadata)
    where tenant_id = ${tenantId} and id = ${id} returning ${columns}`);
  return rows[0];
};

export const deleteConnectorRows = async (db: Queryable, tenantId: string, ids: readonly string[]) =>
  (
    await db.query(
      sql`delete from connectors where tenant_id = ${tenantId} and id = any(${[...ids]}::text[])`,
    )
  ).rowCount;
