/**
 * Tenants and how a request finds its own (spec §1.2). Like Logto OSS there are two: `default`
 * on PORT / ENDPOINT and `admin` on ADMIN_PORT / ADMIN_ENDPOINT, served by one Koa app.
 */
export const defaultTenantId = 'default';
export const adminTenantId = 'admin';

export type Tenant = Readonly<{
  id: string;
  /** Public base URL, e.g. `http://localhost:3001`. */
  endpoint: URL;
  /** OIDC issuer: `${endpoint}/oidc`. */
  issuer: string;
}>;

/** The management API's resource indicator (and token audience) for a tenant (spec §3.1). */
export const managementApiIndicator = (tenantId: string) => `https://${tenantId}.logto.app/api`;

/** The `/me` API's indicator, held by the admin tenant (spec §3.4). */
export const meApiIndicator = `https://${adminTenantId}.logto.app/me`;

export const makeTenant = (id: string, endpoint: URL): Tenant =>
  Object.freeze({ id, endpoint, issuer: `${endpoint.href.replace(/\/$/, '')}/oidc` });

export type Tenancy = Readonly<{
  user: Tenant;
  admin: Tenant;
  byId(id: string): Tenant | undefined;
  /**
   * The tenant of a request: a configured public endpoint whose origin matches wins; otherwise
   * the port the request arrived on decides (so `127.0.0.1:3002` is the admin tenant too, where
   * Logto would only recognise `localhost:3002`).
   */
  resolve(origin: string, arrivedOnAdminPort: boolean): Tenant;
}>;

export const createTenancy = (
  urls: { user: URL; admin: URL },
  configured: { user?: URL; admin?: URL },
): Tenancy => {
  const user = makeTenant(defaultTenantId, urls.user);
  const admin = makeTenant(adminTenantId, urls.admin);
  return Object.freeze({
    user,
    admin,
    byId: (id: string) => (id === user.id ? user : id === admin.id ? admin : undefined),
    resolve(origin: string, arrivedOnAdminPort: boolean) {
      if (configured.admin && configured.admin.origin === origin) return admin;
      if (configured.user && configured.user.origin === origin) return user;
      return arrivedOnAdminPort ? admin : user;
    },
  });
};
