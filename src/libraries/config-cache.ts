/**
 * A per-instance cache of the configuration token issuance reads on every request (clients,
 * resources, the scopes roles grant), so a token costs no query once warm. It is only used while
 * the database's change notifications flow (migration 0002): a write to any of those tables, by
 * this instance or another, drops the tenant's entries when it commits. Writes through this
 * instance's management API also drop them synchronously (`invalidate`), so the next request sees
 * the change; other instances see it once the notification arrives, milliseconds later.
 *
 * A load that overlaps an invalidation is returned but not stored (generation check), so a value
 * read before a commit never outlives it. Without notifications (connection lost), every call
 * loads.
 */
import type { Db } from '../db/driver.ts';

export const changeChannel = 'latch_changes';

export type ConfigCache = {
  get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T>;
  invalidate(tenantId?: string): void;
  /** Called with the tenant and table of every change notification. */
  onChange(listener: (tenantId: string, table: string) => void): void;
  close(): Promise<void>;
};

type Entry = { value: unknown; expires: number };

export const createConfigCache = (
  db: Pick<Db, 'listen'>,
  { maxEntriesPerTenant = 5000, maxAgeMs = 10 * 60_000, now = () => Date.now() } = {},
): ConfigCache => {
  const tenants = new Map<string, Map<string, Entry>>();
  const listeners: ((tenantId: string, table: string) => void)[] = [];
  let generation = 0;
  let listening = false;

  const invalidate = (tenantId?: string) => {
    generation++;
    if (tenantId === undefined) tenants.clear();
    else tenants.delete(tenantId);
  };

  const stop = db.listen(changeChannel, {
    onNotify(payload) {
      const [tenantId = '', table = ''] = payload.split(' ');
      invalidate(tenantId);
      for (const listener of listeners) listener(tenantId, table);
    },
    onState(state) {
      listening = state;
      // Whatever happened while nobody listened is unknown.
      invalidate();
    },
  });

  return {
    async get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
      if (!listening) return load();
      const entry = tenants.get(tenantId)?.get(key);
      if (entry && entry.expires > now()) return entry.value as T;
      const before = generation;
      const value = await load();
      if (listening && generation === before) {
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
