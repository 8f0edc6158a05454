/** Recent re-verifications of a user's password (spec §3.4: `/me` asks for one before a change). */
import { generateId } from '../../libraries/ids.ts';
import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';

export const insertVerificationStatus = async (db: Queryable, tenantId: string, userId: string) => {
  await db.query(sql`insert into verification_statuses (tenant_id, id, user_id)
    values (${tenantId}, ${generateId()}, ${userId})`);
};

/** Seconds since the user's latest verification, or undefined when there is none. */
export const secondsSinceVerification = async (db: Queryable, tenantId: string, userId: string) => {
  const { rows } = await db.query<{ seconds: number | null }>(sql`select
      extract(epoch from now() - max(created_at))::float8 as seconds
    from verification_statuses where tenant_id = ${tenantId} and user_id = ${userId}`);
  return rows[0]?.seconds ?? undefined;
};
