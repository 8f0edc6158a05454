import type { Queryable } from '../driver.ts';
import { join, raw, type Sql, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export type LogRow = {
  tenantId: string;
  id: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt: number;
};

export type LogFilter = { userId?: string; applicationId?: string; logKey?: string };

const columns = sql`tenant_id as "tenantId", id, key, payload, ${epochMs('created_at')} as "createdAt"`;

const where = (tenantId: string, { userId, applicationId, logKey }: LogFilter): Sql =>
  join(
    [
      sql`tenant_id = ${tenantId}`,
      ...(userId ? [sql`payload ->> 'userId' = ${userId}`] : []),
      ...(applicationId ? [sql`payload ->> 'applicationId' = ${applicationId}`] : []),
      ...(logKey ? [sql`key = ${logKey}`] : []),
    ],
    raw(' and '),
  );

export const findLogs = async (
  db: Queryable,
  tenantId: string,
  filter: LogFilter,
  page: { limit: number; offset: number },
) => {
  const { rows } = await db.query<LogRow>(sql`select ${columns} from logs where ${where(tenantId, filter)}
    order by created_at desc, id limit ${page.limit} offset ${page.offset}`);
  return rows;
};

export const countLogs = async (db: Queryable, tenantId: string, filter: LogFilter) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from logs where ${where(tenantId, filter)}`,
  );
  return rows[0]?.count ?? 0;
};

export const findLogById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<LogRow>(
    sql`select ${columns} from logs where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};
