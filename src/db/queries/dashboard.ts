/**
 * Counts for the console's dashboard (spec §12.2). Days are UTC calendar days, the same on every
 * instance whatever its time zone.
 */
import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';

export const countAllUsers = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<{ count: number }>(
    sql`select count(*)::int as count from users where tenant_id = ${tenantId}`,
  );
  return rows[0]?.count ?? 0;
};

/** New users per UTC day from `from` to `to` (inclusive, `YYYY-MM-DD`); days without any are absent. */
export const countNewUsersByDay = async (db: Queryable, tenantId: string, from: string, to: string) => {
  const { rows } = await db.query<{ day: string; count: number }>(sql`select
      to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, count(*)::int as count
    from users where tenant_id = ${tenantId}
      and created_at >= ${from}::date::timestamp at time zone 'UTC' and created_at < (${to}::date + 1)::timestamp at time zone 'UTC'
    group by 1`);
  return new Map(rows.map((row) => [row.day, row.count]));
};

const activeLogs = (tenantId: string) => sql`tenant_id = ${tenantId} and key like 'ExchangeTokenBy.%'
  and payload ->> 'result' = 'Success' and payload ->> 'userId' is not null`;

/** Distinct users who got tokens, per UTC day from `from` to `to` (inclusive). */
export const countActiveUsersByDay = async (db: Queryable, tenantId: string, from: string, to: string) => {
  const { rows } = await db.query<{ day: string; count: number }>(sql`select
      to_char((created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
      count(distinct payload ->> 'userId')::int as count
    from logs where ${activeLogs(tenantId)}
      and created_at >= ${from}::date::timestamp at time zone 'UTC' and created_at < (${to}::date + 1)::timestamp at time zone 'UTC'
    group by 1`);
  return new Map(rows.map((row) => [row.day, row.count]));
};

/** Distinct users who got tokens from `from` to `to` (inclusive UTC days). */
export const countActiveUsers = async (db: Queryable, tenantId: string, from: string, to: string) => {
  const { rows } = await db.query<{
    count: number;
  }>(sql`select count(distinct payload ->> 'userId')::int as count
    from logs where ${activeLogs(tenantId)}
      and created_at >= ${from}::date::timestamp at time zone 'UTC' and created_at < (${to}::date + 1)::timestamp at time zone 'UTC'`);
  return rows[0]?.count ?? 0;
};
