/**
 * Brute-force protection (beyond Logto 1.0): failed password and code attempts are counted per
 * identifier and per client address in a fixed window; past a threshold the identifier (or the
 * address) is refused for a while — even with the right password, so guessing gains nothing.
 * A success clears the identifier's count. Counters are rows of `sign_in_attempts`, shared by
 * every instance.
 */
import type { Queryable } from '../db/driver.ts';
import { sql } from '../db/sql.ts';
import { ApiError } from '../errors/api-error.ts';

export const lockoutPolicy = {
  /** Failures of one identifier (username, email, phone) within the window that lock it. */
  identifierFailures: 10,
  /** Failures from one address within the window that lock it (many accounts, one attacker). */
  addressFailures: 100,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
} as const;

export type AttemptSubject = { identifier: string; address?: string };

const keysOf = ({ identifier, address }: AttemptSubject) => [
  { key: `identifier:${identifier.toLowerCase()}`, limit: lockoutPolicy.identifierFailures },
  ...(address ? [{ key: `address:${address}`, limit: lockoutPolicy.addressFailures }] : []),
];

/**
 * Refuses with `session.verification_blocked_too_many_attempts` (429) while locked. Returns
 * whether the identifier has failures on record (only then does a success need to clear them).
 */
export const assertNotLocked = async (db: Queryable, tenantId: string, subject: AttemptSubject) => {
  const keys = keysOf(subject).map(({ key }) => key);
  const { rows } = await db.query<{ key: string; seconds: number | null }>(sql`select key,
      ceil(extract(epoch from locked_until - now()))::int as seconds
    from sign_in_attempts where tenant_id = ${tenantId} and key = any(${keys}::text[])`);
  const seconds = Math.max(0, ...rows.map((row) => row.seconds ?? 0));
  if (seconds > 0) {
    throw new ApiError('session.verification_blocked_too_many_attempts', {
      status: 429,
      data: { retryAfterSeconds: seconds },
      interpolation: { retryAfterSeconds: String(seconds) },
    });
  }
  return { hasFailures: rows.some((row) => row.key === keys[0]) };
};

export const recordFailure = async (db: Queryable, tenantId: string, subject: AttemptSubject) => {
  const { windowSeconds, lockSeconds } = lockoutPolicy;
  for (const { key, limit } of keysOf(subject)) {
    await db.query(sql`insert into sign_in_attempts as a (tenant_id, key, failures, window_started_at)
      values (${tenantId}, ${key}, 1, now())
      on conflict (tenant_id, key) do update set
        failures = case when a.window_started_at < now() - make_interval(secs => ${windowSeconds})
          then 1 else a.failures + 1 end,
        window_started_at = case when a.window_started_at < now() - make_interval(secs => ${windowSeconds})
          then now() else a.window_started_at end,
        locked_until = case
          when a.window_started_at >= now() - make_interval(secs => ${windowSeconds}) and a.failures + 1 >= ${limit}
          then now() + make_interval(secs => ${lockSeconds}) else a.locked_until end`);
  }
};

export const recordSuccess = async (db: Queryable, tenantId: string, subject: AttemptSubject) => {
  await db.query(sql`delete from sign_in_attempts
    where tenant_id = ${tenantId} and key = ${`identifier:${subject.identifier.toLowerCase()}`}`);
};

/** Rows whose window and lock are long over (the expiry sweeper calls this). */
export const deleteStaleAttempts = async (db: Queryable) =>
  (
    await db.query(sql`delete from sign_in_attempts
      where window_started_at < now() - make_interval(secs => ${lockoutPolicy.windowSeconds})
        and (locked_until is null or locked_until < now())`)
  ).rowCount;
