/**
 * Clients that are not (only) rows: the default tenant's `demo-app` (Logto's Live Preview, spec
 * §4.3) exists in no table, and the admin console's redirect URIs follow the admin endpoint.
 */
import type { Application } from '../schemas/application.ts';
import { adminTenantId, defaultTenantId, type Tenant } from '../tenancy/tenant.ts';
import type { ExtraUris } from './client-metadata.ts';

export const demoAppId = 'demo-app';
export const adminConsoleAppId = 'admin-console';

const base = (tenant: Tenant) => tenant.endpoint.href.replace(/\/$/, '');

export const demoApplication = (tenant: Tenant): Application => ({
  tenantId: tenant.id,
  id: demoAppId,
  name: 'Live Preview',
  secret: '',
  description: 'Preview for Sign-in Experience.',
  type: 'SPA',
  oidcClientMetadata: {
    redirectUris: [`${base(tenant)}/demo-app`],
    postLogoutRedirectUris: [`${base(tenant)}/demo-app`],
  },
  customClientMetadata: {},
  createdAt: 0,
});

export const virtualClientsFor =
  (tenant: Tenant) =>
  (clientId: string): { app?: Application; extra?: ExtraUris } | undefined => {
    if (tenant.id === defaultTenantId && clientId === demoAppId) return { app: demoApplication(tenant) };
    if (tenant.id === adminTenantId && clientId === adminConsoleAppId) {
      return {
        extra: {
          redirectUris: [`${base(tenant)}/console/callback`],
          postLogoutRedirectUris: [`${base(tenant)}/console`],
        },
      };
    }
    return undefined;
  };
