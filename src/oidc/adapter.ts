/**
 * oidc-provider's storage, on `oidc_model_instances` (spec §6.8), one adapter class per tenant.
 * `Client` is read-only from `applications` (see client-metadata.ts): clients are managed through
 * the management API, never by the provider.
 */
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider';
import type { Queryable } from '../db/driver.ts';
import { sql } from '../db/sql.ts';

/**
 * A consumed refresh token is still accepted this long after its consumption, so two concurrent
 * refreshes from one client (several tabs) do not revoke the grant (Logto's rule, spec §6.4).
 */
export const refreshTokenReuseGraceMs = 3000;

const consumedLabels: Record<string, string> = {
  AuthorizationCode: 'authorization code',
  DeviceCode: 'device code',
  BackchannelAuthenticationRequest: 'backchannel authentication request',
};

type Row = { payload: AdapterPayload; consumed_at: Date | null };

export type ClientLoader = (clientId: string) => Promise<AdapterPayload | undefined>;

export const createAdapterClass = (
  db: Queryable,
  tenantId: string,
  loadClient: ClientLoader,
  now = () => Date.now(),
) =>
  class DbAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    #toPayload(row: Row | undefined): AdapterPayload | undefined {
      if (!row) return undefined;
      const { payload, consumed_at: consumedAt } = row;
      if (!consumedAt) return payload;
      const inGrace =
        this.model === 'RefreshToken' && now() - consumedAt.getTime() < refreshTokenReuseGraceMs;
      return inGrace ? payload : { ...payload, consumed: true };
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = new Date(now() + expiresIn * 1000);
      const row = sql`select ${tenantId}, ${this.model}, ${id}, ${payload}::jsonb, ${expiresAt}::timestamptz`;
      // A pending sign-in's state is saved at every step. Those commits need not wait for the
      // disk: visible at once, they are durable a moment later (PostgreSQL's asynchronous commit;
      // a crash of the database itself in between loses only that step, and the sign-in starts
      // over). Everything that ends or consumes an artifact, and every other model, is durable.
      const source =
        this.model === 'Interaction'
          ? sql`with async as (select set_config('synchronous_commit', 'off', true)) ${row} from async`
          : row;
      await db.query(sql`insert into oidc_model_instances (tenant_id, model_name, id, payload, expires_at)
        ${source}
        on conflict (tenant_id, model_name, id) do update set payload = excluded.payload, expires_at = excluded.expires_at`);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return loadClient(id);
      const { rows } = await db.query<Row>(sql`select payload, consumed_at from oidc_model_instances
        where tenant_id = ${tenantId} and model_name = ${this.model} and id = ${id}`);
      return this.#toPayload(rows[0]);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const { rows } = await db.query<Row>(sql`select payload, consumed_at from oidc_model_instances
        where tenant_id = ${tenantId} and model_name = ${this.model} and payload ? 'userCode' and payload ->> 'userCode' = ${userCode}`);
      return this.#toPayload(rows[0]);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const { rows } = await db.query<Row>(sql`select payload, consumed_at from oidc_model_instances
        where tenant_id = ${tenantId} and model_name = ${this.model} and payload ? 'uid' and payload ->> 'uid' = ${uid}`);
      return this.#toPayload(rows[0]);
    }

    async consume(id: string): Promise<void> {
      const { rowCount } = await db.query(sql`update oidc_model_instances set consumed_at = ${new Date(now())}
        where tenant_id = ${tenantId} and model_name = ${this.model} and id = ${id} and consumed_at is null`);
      // Refresh tokens may be used twice at once on purpose (the grace above).
      if (rowCount > 0 || this.model === 'RefreshToken') return;
      // The provider looks a code up, checks it, then consumes it: a second request for the same
      // code may have consumed it in between, and both would get tokens. The code was used twice:
      // refuse, and revoke what the other request is issued (RFC 6749 §4.1.2).
      await db.query(sql`with source as (
          select payload ->> 'grantId' as grant_id from oidc_model_instances
          where tenant_id = ${tenantId} and model_name = ${this.model} and id = ${id}
        )
        delete from oidc_model_instances o using source
        where o.tenant_id = ${tenantId} and ((o.model_name = 'Grant' and o.id = source.grant_id)
          or (o.payload ? 'grantId' and o.payload ->> 'grantId' = source.grant_id))`);
      throw new errors.InvalidGrant(`${consumedLabels[this.model] ?? 'grant'} already consumed`);
    }

    async destroy(id: string): Promise<void> {
      await db.query(sql`delete from oidc_model_instances
        where tenant_id = ${tenantId} and model_name = ${this.model} and id = ${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query(sql`delete from oidc_model_instances
        where tenant_id = ${tenantId} and model_name = ${this.model} and payload ? 'grantId' and payload ->> 'grantId' = ${grantId}`);
    }
  };
