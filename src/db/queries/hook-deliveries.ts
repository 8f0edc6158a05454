import type { Queryable } from '../driver.ts';
import { join, json, sql } from '../sql.ts';

export type Delivery = {
  tenantId: string;
  id: string;
  hookId: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  url: string;
  headers: Record<string, string> | null;
  signingKey: string;
};

export const insertDeliveries = async (
  db: Queryable,
  rows: readonly {
    tenantId: string;
    id: string;
    hookId: string;
    event: string;
    payload: object;
    maxAttempts: number;
  }[],
) => {
  if (rows.length === 0) return;
  const values = join(
    rows.map(
      (row) =>
        sql`(${row.tenantId}, ${row.id}, ${row.hookId}, ${row.event}, ${json(row.payload)}, ${row.maxAttempts})`,
    ),
  );
  await db.query(sql`insert into hook_deliveries (tenant_id, id, hook_id, event, payload, max_attempts)
    values ${values}`);
};

/**
 * Claims up to `limit` due deliveries for `claimSeconds` (counting the attempt), skipping rows
 * another instance is claiming right now: each delivery is sent by one worker at a time. A claim
 * that runs out (the worker died) makes the delivery due again.
 */
export const claimDeliveries = async (db: Queryable, limit: number, claimSeconds: number) => {
  const { rows } = await db.query<Delivery>(sql`update hook_deliveries d
    set claimed_until = now() + make_interval(secs => ${claimSeconds}), attempts = d.attempts + 1
    from hooks h
    where h.tenant_id = d.tenant_id and h.id = d.hook_id and (d.tenant_id, d.id) in (
      select tenant_id, id from hook_deliveries
      where delivered_at is null and failed_at is null and next_attempt_at <= now()
        and (claimed_until is null or claimed_until < now())
      order by next_attempt_at limit ${limit} for update skip locked)
    returning d.tenant_id as "tenantId", d.id, d.hook_id as "hookId", d.event, d.payload, d.attempts,
      d.max_attempts as "maxAttempts", h.config ->> 'url' as url, h.config -> 'headers' as headers,
      h.signing_key as "signingKey"`);
  return rows;
};

/** Only the claim that made attempt `attempt` may settle it (a later claim took it over otherwise). */
export const markDelivered = async (db: Queryable, tenantId: string, id: string, attempt: number) => {
  await db.query(sql`update hook_deliveries set delivered_at = now(), claimed_until = null, last_error = null
    where tenant_id = ${tenantId} and id = ${id} and attempts = ${attempt} and delivered_at is null`);
};

/** A failed attempt: retried after `retryInSeconds`, or given up when attempts are spent. */
export const markAttemptFailed = async (
  db: Queryable,
  tenantId: string,
  id: string,
  attempt: number,
  error: string,
  retryInSeconds: number | undefined,
) => {
  await db.query(sql`update hook_deliveries set claimed_until = null, last_error = ${error},
      failed_at = case when ${retryInSeconds === undefined} then now() else null end,
      next_attempt_at = now() + make_interval(secs => ${retryInSeconds ?? 0})
    where tenant_id = ${tenantId} and id = ${id} and attempts = ${attempt} and delivered_at is null`);
};

/** Delivered or abandoned deliveries older than a week (they hold user data; the sweeper calls this). */
export const deleteSettledDeliveries = async (db: Queryable) =>
  (
    await db.query(sql`delete from hook_deliveries
      where (delivered_at is not null or failed_at is not null) and created_at < now() - interval '7 days'`)
  ).rowCount;
