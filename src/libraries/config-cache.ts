/**
 * A per-instance cache of the configuration token issuance reads on every request (clients,
 * resources, the scopes roles grant), so a token costs no query once warm. It is only used while
 * the database's change notifications flow (migration 0002): a write to any of those tables, by
 * this instance or another, drops the tenant's entries when it commits. Successful writes through
 * this instance's management API also drop them synchronously (`invalidate`), so the next request
 * sees the change; other instances see it once the notification arrives, milliseconds later.
 *
 * A load that overlaps an invalidation of its tenant is returned but not stored (generation
 * check), so a value read before a commit never outlives it. Without notifications (connection
 * lost), every call loads; when they may have been missed, change listeners hear "everything
 * changed" (`tenantId` undefined) so that derived state (providers, keys) is rebuilt too.
 */
import type { Db } from '../db/driver.ts';

export const changeChannel = 'latch_changes';

/** `tenantId` undefined: any tenant's data may have changed (notifications were missed). */
export type ChangeListener = (tenantId: string | undefined, table: string | undefined) => void;

export type ConfigCache = {
  get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T>;
  invalidate(tenantId?: string): void;
  onChange(listener: ChangeListener): void;
  close(): Promise<void>;
};

type Entry = { value: unknown; expires: number };

export const createConfigCache = (
  db: Pick<Db, 'listen'>,
  { maxEntriesPerTenant = 5000, maxAgeMs = 10 * 60_000, now = () => Date.now() } = {},
): ConfigCache => {
  const tenants = new Map<string, Map<string, Entry>>();
  const generations = new Map<string, number>();
  const listeners: ChangeListener[] = [];
  let everything = 0;
  let listening = false;

  const generationOf = (tenantId: string) => `${everything}.${generations.get(tenantId) ?? 0}`;

  const invalidate = (tenantId?: string) => {
    if (tenantId === undefined) {
      everything++;
      tenants.clear();
    } else {
      generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
      tenants.delete(tenantId);
    }
  };

  const changed = (tenantId: string | undefined, table: string | undefined) => {
    invalidate(tenantId);
    for (const listener of listeners) listener(tenantId, table);
  };

  const stop = db.listen(changeChannel, {
    onNotify(payload) {
      const [tenantId = '', table = ''] = payload.split(' ');
      // `*`: a statement without rows to name a tenant (TRUNCATE).
      changed(tenantId === '*' ? undefined : tenantId, table);
    },
    onState(state) {
      listening = state;
      // Whatever happened while nobody listened is unknown.
      changed(undefined, undefined);
    },
  });

  return {
    async get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
      if (!listening) return load();
      const entry = tenants.get(tenantId)?.get(key);
      if (entry && entry.expires > now()) return entry.value as T;
      const before = generationOf(tenantId);
      const value = await load();
      if (listening && generationOf(tenantId) === before) {
        const entries = tenants.get(tenantId) ?? new Map<string, Entry>();
        tenants.set(tenantId, entries);
        // Keys come from requests (client ids, indicators): bound the memory they can take.
        if (entries.size >= maxEntriesPerTenant) entries.clear();
        entries.set(key, { value, expires: now() + maxAgeMs });
      }
      return value;
    },
    invalidate,
    onChange(listener) {
      listeners.push(listener);
    },
    close: stop,
  };
};
