/**
 * Deletes expired provider artifacts (and stale sign-in attempt counters, and webhook deliveries
 * settled more than a week ago) (sessions, codes, tokens, grants…) from
 * `oidc_model_instances`. The provider already ignores them; this keeps the table from growing
 * without bound (Logto never cleans it, spec §6.8). Deletes in small batches so no sweep holds
 * many row locks, and running it on several instances at once is harmless.
 */
import type { Queryable } from '../db/driver.ts';
import { deleteSettledDeliveries } from '../db/queries/hook-deliveries.ts';
import { sql } from '../db/sql.ts';
import { deleteStaleAttempts } from '../libraries/lockout.ts';
import type { Logger } from '../logger.ts';

export const sweepIntervalMs = 10 * 60_000;

export const deleteExpiredModelInstances = async (
  db: Queryable,
  { now = new Date(), batchSize = 1000 } = {},
): Promise<number> => {
  let total = 0;
  for (;;) {
    const { rowCount } = await db.query(sql`delete from oidc_model_instances
      where (tenant_id, model_name, id) in (
        select tenant_id, model_name, id from oidc_model_instances
        where expires_at < ${now} limit ${batchSize} for update skip locked)`);
    total += rowCount;
    if (rowCount < batchSize) return total;
  }
};

/** Sweeps shortly after start, then every `sweepIntervalMs`. Returns a function that stops it. */
export const startExpirySweeper = (db: Queryable, logger: Logger): (() => Promise<void>) => {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = Promise.all([
      deleteExpiredModelInstances(db),
      deleteStaleAttempts(db),
      deleteSettledDeliveries(db),
    ]).then(
      ([deleted]) => {
        if (deleted > 0) logger.debug({ deleted }, 'deleted expired OIDC artifacts');
      },
      (error: unknown) => logger.warn({ err: error }, 'sweeping expired OIDC artifacts failed'),
    );
  };
  const first = setTimeout(sweep, 5000);
  const every = setInterval(sweep, sweepIntervalMs);
  first.unref();
  every.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
};
