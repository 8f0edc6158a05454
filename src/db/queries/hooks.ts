import type { Queryable } from '../driver.ts';
import { json, sql } from '../sql.ts';
import { epochMs } from './columns.ts';

export type HookEvent = 'PostRegister' | 'PostSignIn' | 'PostResetPassword';
export type HookConfig = { url: string; headers?: Record<string, string>; retries: number };
export type Hook = {
  tenantId: string;
  id: string;
  event: HookEvent;
  config: HookConfig;
  signingKey: string;
  createdAt: number;
};

const columns = sql`tenant_id as "tenantId", id, event, config, signing_key as "signingKey",
  ${epochMs('created_at')} as "createdAt"`;

export const findHooks = async (db: Queryable, tenantId: string, event?: HookEvent) => {
  const { rows } = await db.query<Hook>(sql`select ${columns} from hooks where tenant_id = ${tenantId}
    and (${event ?? null}::text is null or event = ${event ?? null}) order by created_at, id`);
  return rows;
};

export const findHookById = async (db: Queryable, tenantId: string, id: string) => {
  const { rows } = await db.query<Hook>(
    sql`select ${columns} from hooks where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0];
};

export const insertHook = async (db: Queryable, hook: Omit<Hook, 'createdAt'>) => {
  const { rows } = await db.query<Hook>(sql`insert into hooks (tenant_id, id, event, config, signing_key)
    values (${hook.tenantId}, ${hook.id}, ${hook.event}, ${json(hook.config)}, ${hook.signingKey}) returning ${columns}`);
  return rows[0]!;
};

/** Sets the event and shallow-merges `config` (spec §4: PATCH merges the hook's config). */
export const updateHook = async (
  db: Queryable,
  tenantId: string,
  id: string,
  patch: { event?: HookEvent; config?: Partial<HookConfig> },
) => {
  const { rows } = await db.query<Hook>(sql`update hooks set event = coalesce(${patch.event ?? null}, event),
      config = config || ${json(patch.config ?? {})}::jsonb
    where tenant_id = ${tenantId} and id = ${id} returning ${columns}`);
  return rows[0];
};

export const deleteHook = async (db: Queryable, tenantId: string, id: string) =>
  (await db.query(sql`delete from hooks where tenant_id = ${tenantId} and id = ${id}`)).rowCount > 0;
