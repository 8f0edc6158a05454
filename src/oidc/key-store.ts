/**
 * A tenant's OIDC keys in `logto_configs`: signing keys (`oidc.privateKeys`) and cookie keys
 * (`oidc.cookieKeys`), newest first — the first one signs, every one still verifies. Stored as
 * Logto 1.0 did (plain strings) or as later Logto versions do (`{ id, value, createdAt }`); both
 * are read, rotation writes the latter.
 *
 * Rotation puts a new key first and keeps each older key while something it signed may still be
 * valid: a signing key for the longest access- or ID-token lifetime the tenant has at rotation
 * time after it was replaced (lowering a TTL does not shorten tokens already issued: rotate again
 * only after the old TTL has passed), a cookie key for the session lifetime. Every instance picks the change up through the
 * change notification on `logto_configs` (app.ts reloads the provider and the public keys).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/driver.ts';
import { findLogtoConfig, logtoConfigKeys } from '../db/queries/logto-configs.ts';
import { json, sql } from '../db/sql.ts';
import { generateCookieKey, generateSigningKey, toPublicJwk } from './keys.ts';

export type KeyType = 'private-keys' | 'cookie-keys';
export type SigningKeyAlgorithm = 'EC' | 'RSA';
export type StoredKey = { id: string; value: string; createdAt: number };
export type KeyInfo = { id: string; createdAt: number; signingKeyAlgorithm?: SigningKeyAlgorithm };

const configKeyOf: Readonly<Record<KeyType, string>> = {
  'private-keys': logtoConfigKeys.oidcPrivateKeys,
  'cookie-keys': logtoConfigKeys.oidcCookieKeys,
};

/** Sessions (and so their cookies) last 14 days (provider.ts `ttl.Session`). */
export const sessionTtlSeconds = 14 * 86_400;
const defaultTokenTtlSeconds = 3600;

const cookieKeyId = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 21);

const idOf = (type: KeyType, value: string) =>
  type === 'private-keys' ? toPublicJwk(value).kid : cookieKeyId(value);

const parse = (type: KeyType, stored: unknown): StoredKey[] =>
  (Array.isArray(stored) ? stored : []).flatMap((item): StoredKey[] => {
    if (typeof item === 'string') return [{ id: idOf(type, item), value: item, createdAt: 0 }];
    if (item && typeof item === 'object' && typeof item.value === 'string') {
      const createdAt = typeof item.createdAt === 'number' ? item.createdAt : 0;
      return [
        { id: typeof item.id === 'string' ? item.id : idOf(type, item.value), value: item.value, createdAt },
      ];
    }
    return [];
  });

export const readKeys = async (db: Queryable, tenantId: string, type: KeyType): Promise<StoredKey[]> =>
  parse(type, await findLogtoConfig(db, tenantId, configKeyOf[type]));

/** What the API shows of keys: never the key material. */
export const describeKeys = (type: KeyType, keys: StoredKey[]): KeyInfo[] =>
  keys.map(({ id, value, createdAt }) =>
    type === 'private-keys'
      ? { id, createdAt, signingKeyAlgorithm: toPublicJwk(value).kty === 'RSA' ? 'RSA' : 'EC' }
      : { id, createdAt },
  );

/** The longest lifetime of a token the tenant signs: access tokens per resource, ID tokens per app. */
const longestSignedTokenSeconds = async (db: Queryable, tenantId: string) => {
  const { rows } = await db.query<{ seconds: number | null }>(sql`select greatest(
      (select max(access_token_ttl) from resources where tenant_id = ${tenantId}),
      (select max((custom_client_metadata ->> 'idTokenTtl')::bigint) from applications
        where tenant_id = ${tenantId} and custom_client_metadata ? 'idTokenTtl')
    )::bigint as seconds`);
  return Math.max(rows[0]?.seconds ?? 0, defaultTokenTtlSeconds);
};

/**
 * Adds a new key in front and drops the keys nothing valid can depend on any more. Runs in the
 * caller's transaction; the row is locked so two rotations at once do not lose a key.
 */
export const rotateKeys = async (
  tx: Queryable,
  tenantId: string,
  type: KeyType,
  { algorithm = 'EC', now = Date.now() }: { algorithm?: SigningKeyAlgorithm; now?: number } = {},
): Promise<StoredKey[]> => {
  const configKey = configKeyOf[type];
  await tx.query(
    sql`select 1 from logto_configs where tenant_id = ${tenantId} and key = ${configKey} for update`,
  );
  const current = await readKeys(tx, tenantId, type);
  const value = type === 'private-keys' ? generateSigningKey(algorithm) : generateCookieKey();
  const fresh: StoredKey = { id: idOf(type, value), value, createdAt: now };
  const keepSeconds =
    type === 'private-keys' ? await longestSignedTokenSeconds(tx, tenantId) : sessionTtlSeconds;
  // A key was replaced when the next newer one was created; the one replaced now is always kept,
  // and so is one whose replacement time is unknown (Logto 1.0's keys carry no creation time).
  const kept = current.filter((_key, index) => {
    const newer = index === 0 ? undefined : current[index - 1];
    const replacedAt = newer?.createdAt ? newer.createdAt : now;
    return now - replacedAt < keepSeconds * 1000;
  });
  const keys = [fresh, ...kept];
  await tx.query(sql`insert into logto_configs (tenant_id, key, value)
    values (${tenantId}, ${configKey}, ${json(keys)})
    on conflict (tenant_id, key) do update set value = excluded.value`);
  return keys;
};
