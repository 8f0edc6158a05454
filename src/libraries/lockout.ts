/**
 * Brute-force protection (beyond Logto 1.0). Every password or code check is counted *before*
 * it runs (so a burst of parallel guesses cannot all slip through), in fixed windows, under
 * three keys:
 *   - the subject (an account, or the identifier when no account has it) from one address:
 *     10 attempts per window, then that address is refused for that subject;
 *   - the subject from anywhere: 100 attempts, so a distributed guess is stopped too, while one
 *     attacker alone cannot lock the owner out of their own address;
 *   - the address, over every subject: 100 failures (spraying one password over many accounts).
 * A success clears the subject's counters. Counters are rows of `sign_in_attempts`, shared by
 * every instance. Refusals are `session.verification_blocked_too_many_attempts` (429) with
 * `retryAfterSeconds`.
 */
import type { Queryable } from '../db/driver.ts';
import { join, sql } from '../db/sql.ts';
import { ApiError } from '../errors/api-error.ts';

export const lockoutPolicy = {
  subjectFromAddress: 10,
  subject: 100,
  address: 100,
  /** One-time codes sent to one email or phone. */
  codeSends: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
} as const;

type Counter = { key: string; limit: number };

const blocked = (seconds: number) =>
  new ApiError('session.verification_blocked_too_many_attempts', {
    status: 429,
    data: { retryAfterSeconds: seconds },
    interpolation: { retryAfterSeconds: String(seconds) },
  });

/**
 * Counts one more attempt under each counter, in one statement, and returns how many seconds the
 * longest lock among them (and `alsoLocked`, only read) still runs: 0 when the attempt may go on.
 * Reaching a counter's limit locks it for `lockSeconds`.
 */
const countAttempts = async (
  db: Queryable,
  tenantId: string,
  counters: readonly Counter[],
  alsoLocked?: string,
): Promise<number> => {
  const { windowSeconds, lockSeconds } = lockoutPolicy;
  const rows = join(counters.map(({ key }) => sql`(${tenantId}, ${key}, 1, now())`));
  // Each row's own limit, chosen by its key (ON CONFLICT sees only the table's columns).
  const limit = counters
    .slice(1)
    .reduce(
      (otherwise, { key, limit }) => sql`case when a.key = ${key} then ${limit}::int else ${otherwise} end`,
      sql`${counters[0]!.limit}::int`,
    );
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const locked = alsoLocked
    ? sql`union all select ceil(extract(epoch from locked_until - now()))::int from sign_in_attempts
        where tenant_id = ${tenantId} and key = ${alsoLocked} and locked_until > now()`
    : sql``;
  const { rows: result } = await db.query<{ seconds: number | null }>(sql`with counted as (
      insert into sign_in_attempts as a (tenant_id, key, failures, window_started_at) values ${rows}
      on conflict (tenant_id, key) do update set
        failures = case when a.window_started_at < now() - ${window} then 1 else a.failures + 1 end,
        window_started_at = case when a.window_started_at < now() - ${window} then now() else a.window_started_at end,
        locked_until = case
          when a.locked_until > now() then a.locked_until
          when a.window_started_at >= now() - ${window} and a.failures + 1 > ${limit}
            then now() + make_interval(secs => ${lockSeconds})
          else a.locked_until end
      returning ceil(extract(epoch from locked_until - now()))::int as seconds
    )
    select max(seconds) as seconds from (select seconds from counted ${locked}) as waits`);
  return Math.max(0, result[0]?.seconds ?? 0);
};

const countAttempt = (db: Queryable, tenantId: string, counter: Counter) =>
  countAttempts(db, tenantId, [counter]);

export type Attempt = { subject: string; address?: string };

/**
 * Runs `check` (a password or code verification) as one counted attempt. `countsAsFailure`
 * tells which errors are failed guesses; anything else (a suspended account…) is not held
 * against the subject.
 */
export const attempt = async <T>(
  db: Queryable,
  tenantId: string,
  { subject, address }: Attempt,
  check: () => Promise<T>,
  countsAsFailure: (error: unknown) => boolean,
): Promise<T> => {
  const addressKey = address ? `address:${address}` : undefined;
  const subjectKeys: Counter[] = [
    { key: `subject:${subject}`, limit: lockoutPolicy.subject },
    ...(address ? [{ key: `subject:${subject}|${address}`, limit: lockoutPolicy.subjectFromAddress }] : []),
  ];
  // The subject's counters and the address's lock, in one round trip.
  const wait = await countAttempts(db, tenantId, subjectKeys, addressKey);
  if (wait > 0) throw blocked(wait);
  try {
    const result = await check();
    await clearSubject(db, tenantId, subject);
    return result;
  } catch (error) {
    if (addressKey && countsAsFailure(error)) {
      await countAttempt(db, tenantId, { key: addressKey, limit: lockoutPolicy.address });
    }
    throw error;
  }
};

/** Forgets a subject's attempts (after a success, or a password reset). */
export const clearSubject = async (db: Queryable, tenantId: string, subject: string) => {
  await db.query(sql`delete from sign_in_attempts where tenant_id = ${tenantId}
    and (key = ${`subject:${subject}`} or key like ${`subject:${subject.replace(/[\\%_]/g, '\\$&')}|%`})`);
};

/** Counts one code sent to `target`; refuses past `codeSends` per window (message bombing). */
export const countCodeSend = async (db: Queryable, tenantId: string, target: string) => {
  const wait = await countAttempt(db, tenantId, { key: `send:${target}`, limit: lockoutPolicy.codeSends });
  if (wait > 0) throw blocked(wait);
};

/** Rows whose window and lock are long over (the expiry sweeper calls this). */
export const deleteStaleAttempts = async (db: Queryable) =>
  (
    await db.query(sql`delete from sign_in_attempts
      where window_started_at < now() - make_interval(secs => ${lockoutPolicy.windowSeconds})
        and (locked_until is null or locked_until < now())`)
  ).rowCount;
