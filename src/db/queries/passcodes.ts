import type { Queryable } from '../driver.ts';
import { type Sql, sql } from '../sql.ts';

export type PasscodeRow = {
  id: string;
  email: string | null;
  phone: string | null;
  code: string;
  tryCount: number;
  /** Milliseconds since it was created, by the database's clock (the one that stamped it). */
  ageMs: number;
};

export type PasscodeScope = { interactionJti?: string; type: string; email?: string; phone?: string };

/** Codes of an interaction are found by (interaction, type); the others by (email or phone, type). */
const scopeCondition = ({ interactionJti, type, email, phone }: PasscodeScope): Sql =>
  interactionJti !== undefined
    ? sql`interaction_jti = ${interactionJti} and type = ${type}`
    : email !== undefined
      ? sql`interaction_jti is null and lower(email) = lower(${email}) and type = ${type}`
      : sql`interaction_jti is null and phone = ${phone ?? ''} and type = ${type}`;

export const deleteUnconsumedPasscodes = async (db: Queryable, tenantId: string, scope: PasscodeScope) => {
  await db.query(sql`delete from passcodes where tenant_id = ${tenantId} and consumed = false
    and ${scopeCondition(scope)}`);
};

export const insertPasscode = async (
  db: Queryable,
  tenantId: string,
  row: { id: string; code: string } & PasscodeScope,
) => {
  await db.query(sql`insert into passcodes (tenant_id, id, interaction_jti, phone, email, type, code)
    values (${tenantId}, ${row.id}, ${row.interactionJti ?? null}, ${row.phone ?? null}, ${row.email ?? null},
      ${row.type}, ${row.code})`);
};

export const findLatestPasscode = async (db: Queryable, tenantId: string, scope: PasscodeScope) => {
  const { rows } = await db.query<PasscodeRow>(sql`select id, email, phone, code, try_count as "tryCount",
      (extract(epoch from now() - created_at) * 1000)::float8 as "ageMs"
    from passcodes where tenant_id = ${tenantId} and consumed = false and ${scopeCondition(scope)}
    order by created_at desc limit 1`);
  return rows[0];
};

export const countFailedTry = async (db: Queryable, tenantId: string, id: string) => {
  await db.query(
    sql`update passcodes set try_count = try_count + 1 where tenant_id = ${tenantId} and id = ${id}`,
  );
};

/** Marks the code used, unless another request did first or its tries ran out meanwhile. */
export const consumePasscode = async (db: Queryable, tenantId: string, id: string, maxTries: number) =>
  (
    await db.query(sql`update passcodes set consumed = true
      where tenant_id = ${tenantId} and id = ${id} and consumed = false and try_count < ${maxTries}`)
  ).rowCount > 0;
