/**
 * The public signing keys of each tenant, for verifying access tokens. Cached briefly so a token
 * check costs no query; a token naming an unknown `kid` triggers one reload, so a key rotated in
 * by another instance is picked up at once rather than after the cache expires.
 */
import type { Queryable } from '../db/driver.ts';
import { readKeys } from '../oidc/key-store.ts';
import { type PublicJwk, toPublicJwk } from '../oidc/keys.ts';

export type PublicKeyStore = {
  get(tenantId: string, options?: { reload?: boolean }): Promise<PublicJwk[]>;
  /** Drops the tenant's keys (or every tenant's): the next call loads them. */
  forget(tenantId?: string): void;
};

export const createPublicKeyStore = (
  db: Queryable,
  ttlMs = 60_000,
  now = () => Date.now(),
): PublicKeyStore => {
  const cache = new Map<string, { keys: PublicJwk[]; expires: number; loaded: number }>();
  return {
    async get(tenantId, { reload = false } = {}) {
      const cached = cache.get(tenantId);
      // A forced reload happens at most every 5 s per tenant: unknown kids cannot hammer the database.
      const reloadAllowed = reload && (!cached || now() - cached.loaded >= 5000);
      if (cached && !reloadAllowed && cached.expires > now()) return cached.keys;
      const keys = (await readKeys(db, tenantId, 'private-keys')).map(({ value }) => toPublicJwk(value));
      cache.set(tenantId, { keys, expires: now() + ttlMs, loaded: now() });
      return keys;
    },
    forget(tenantId) {
      if (tenantId === undefined) cache.clear();
      else cache.delete(tenantId);
    },
  };
};
