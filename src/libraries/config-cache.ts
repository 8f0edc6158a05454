/**
 * A per-instance cache of the configuration token issuance reads on every request (clients,
 * resources, the scopes roles grant), so a token costs no query once warm. It is only used while
 * the database's change notifications flow (migration 0002): a write to any of those tables, by
 * this instance or another, drops the tenant's entries when it commits. Successful writes through
 * this instance's management API also drop them synchronously (`invalidate`), so the next request
 * sees the change; other instances see it once the notification arrives, milliseconds later.
 *
 * A notification may name one row ("<tenant> <table> <id>", users: migration 0007): it drops only
 * the entry `rowKey(table, id)`, so frequent row changes do not empty the tenant's cache.
 *
 * A load that overlaps an invalidation of its entry is returned but not stored (generation
 * check), so a value read before a commit never outlives it. Without notifications (connection
 * lost), every call loads; when they may have been missed, change listeners hear "everything
 * changed" (`tenantId` undefined) so that derived state (providers, keys) is rebuilt too.
 */
import type { Db } from '../db/driver.ts';

export const changeChannel = 'latch_changes';

/** `tenantId` undefined: any tenant's data may have changed (notifications were missed). */
export type ChangeListener = (tenantId: string | undefined, table: string | undefined) => void;

/** The key of a value cached for one row, dropped by that row's own notification. */
export const rowKey = (table: string, id: string) => `${table}:${id}`;

export type ConfigCache = {
  get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T>;
  invalidate(tenantId?: string): void;
  /** Drops one entry (this instance's own write, before its notification arrives). */
  forget(tenantId: string, key: string): void;
  onChange(listener: ChangeListener): void;
  close(): Promise<void>;
};

type Entry = { value: unknown; expires: number };
/** A load in flight; `stale` once its entry was dropped after the load began. */
type Load = { stale: boolean };

export const createConfigCache = (
  db: Pick<Db, 'listen'>,
  { maxEntriesPerTenant = 5000, maxAgeMs = 10 * 60_000, now = () => Date.now() } = {},
): ConfigCache => {
  const tenants = new Map<string, Map<string, Entry>>();
  const generations = new Map<string, number>();
  const loading = new Map<string, Set<Load>>();
  const loadingKey = (tenantId: string, key: string) => `${tenantId}\n${key}`;
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

  const forget = (tenantId: string, key: string) => {
    tenants.get(tenantId)?.delete(key);
    for (const load of loading.get(loadingKey(tenantId, key)) ?? []) load.stale = true;
  };

  const changed = (tenantId: string | undefined, table: string | undefined) => {
    invalidate(tenantId);
    for (const listener of listeners) listener(tenantId, table);
  };

  const stop = db.listen(changeChannel, {
    onNotify(payload) {
      const [tenantId = '', table = '', id] = payload.split(' ');
      if (id !== undefined) return forget(tenantId, rowKey(table, id));
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
      const inFlight = loadingKey(tenantId, key);
      const mine: Load = { stale: false };
      const loads = loading.get(inFlight) ?? new Set<Load>();
      loading.set(inFlight, loads.add(mine));
      let value: T;
      try {
        value = await load();
      } finally {
        loads.delete(mine);
        if (loads.size === 0) loading.delete(inFlight);
      }
      if (listening && !mine.stale && generationOf(tenantId) === before) {
        const entries = tenants.get(tenantId) ?? new Map<string, Entry>();
        tenants.set(tenantId, entries);
        // Keys come from requests (client ids, indicators, accounts): bound the memory they can
        // take. The oldest entry goes first (a Map iterates in insertion order).
        if (entries.size >= maxEntriesPerTenant) entries.delete(entries.keys().next().value as string);
        entries.set(key, { value, expires: now() + maxAgeMs });
      }
      return value;
    },
    invalidate,
    forget,
    onChange(listener) {
      listeners.push(listener);
    },
    close: stop,
  };
};
