/**
 * One provider per tenant, built on first use from the tenant's keys. `reload` rebuilds it (after
 * a key rotation, here or on another instance) for requests that arrive afterwards.
 */
import type Provider from 'oidc-provider';
import type { Queryable } from '../db/driver.ts';
import type { AuditLog } from '../libraries/audit-log.ts';
import type { ConfigCache } from '../libraries/config-cache.ts';
import type { Tenancy } from '../tenancy/tenant.ts';
import { createProvider } from './provider.ts';
import { virtualClientsFor } from './virtual-clients.ts';

export type ProviderRegistry = {
  get(tenantId: string): Promise<Provider>;
  reload(tenantId: string): void;
};

export const createProviderRegistry = ({
  db,
  tenancy,
  cache,
  audit,
  trustProxy,
}: {
  db: Queryable;
  tenancy: Tenancy;
  cache: ConfigCache;
  audit: AuditLog;
  trustProxy: boolean;
}): ProviderRegistry => {
  const providers = new Map<string, Promise<Provider>>();
  return {
    get(tenantId) {
      let provider = providers.get(tenantId);
      if (!provider) {
        const tenant = tenancy.byId(tenantId);
        if (!tenant) return Promise.reject(new Error(`Unknown tenant ${tenantId}`));
        provider = createProvider({
          db,
          tenant,
          cache,
          audit,
          trustProxy,
          virtualClients: virtualClientsFor(tenant),
        });
        // A failed build is not cached: the next request tries again.
        provider.catch(() => providers.delete(tenantId));
        providers.set(tenantId, provider);
      }
      return provider;
    },
    reload(tenantId) {
      providers.delete(tenantId);
    },
  };
};
