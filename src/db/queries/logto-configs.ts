import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';

export const logtoConfigKeys = {
  oidcPrivateKeys: 'oidc.privateKeys',
  oidcCookieKeys: 'oidc.cookieKeys',
  adminConsole: 'adminConsole',
} as const;

export const findLogtoConfig = async (db: Queryable, tenantId: string, key: string): Promise<unknown> => {
  const { rows } = await db.query<{ value: unknown }>(
    sql`select value from logto_configs where tenant_id = ${tenantId} and key = ${key}`,
  );
  return rows[0]?.value;
};

/** Inserts the value unless the key already has one; returns whether it inserted. */
export const insertLogtoConfigIfAbsent = async (
  db: Queryable,
  tenantId: string,
  key: string,
  value: unknown,
): Promise<boolean> => {
  const { rowCount } = await db.query(
    sql`insert into logto_configs (tenant_id, key, value) values (${tenantId}, ${key}, ${json(value)})
      on conflict (tenant_id, key) do nothing`,
  );
  return rowCount > 0;
};

/** Shallow-merges `patch` into the stored object in one statement (no lost update between two PATCHes). */
export const mergeLogtoConfig = async (db: Queryable, tenantId: string, key: string, patch: object) => {
  const { rows } = await db.query<{ value: unknown }>(
    sql`insert into logto_configs (tenant_id, key, value) values (${tenantId}, ${key}, ${json(patch)})
      on conflict (tenant_id, key) do update set value = logto_configs.value || excluded.value
      returning value`,
  );
  return rows[0]?.value;
};
