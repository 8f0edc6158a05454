import type { Queryable } from '../driver.ts';
import { sql } from '../sql.ts';

export type Role = { tenantId: string; id: string; name: string; description: string };

export const roleColumns = sql`tenant_id as "tenantId", id, name, description`;

/** Names with this prefix are Latch's own roles: hidden from lists, read-only (spec §3.2). */
export const internalRolePrefix = '#internal:';
export const internalAdminRoleName = '#internal:admin';

export const findRoleByName = async (db: Queryable, tenantId: string, name: string) => {
  const { rows } = await db.query<Role>(
    sql`select ${roleColumns} from roles where tenant_id = ${tenantId} and name = ${name}`,
  );
  return rows[0];
};
