/**
 * First-start data (spec §10.4, §3.3): tenants `default` and `admin`, each with signing and cookie
 * keys, resources, scopes, roles, applications, configs and sign-in experience. Each tenant is
 * written in one transaction that starts by inserting its `tenants` row: a tenant that exists is
 * left exactly as it is (keys never regenerate), and a crash leaves no half-seeded tenant.
 */
import { generateCookieKey, generateSigningKey } from '../../oidc/keys.ts';
import {
  adminTenantId,
  defaultTenantId,
  managementApiIndicator,
  meApiIndicator,
} from '../../tenancy/tenant.ts';
import type { Db, Queryable } from '../driver.ts';
import { lockSchema } from '../migrate.ts';
import { insertLogtoConfigIfAbsent, logtoConfigKeys } from '../queries/logto-configs.ts';
import { sql } from '../sql.ts';
import {
  adminSignInExperience,
  defaultAdminConsoleConfig,
  defaultSignInExperience,
} from './sign-in-experience.ts';
import { seedApplication, seedResource, seedRole, seedSignInExperience } from './writers.ts';

export const adminConsoleApplicationId = 'admin-console';
export const cloudApiIndicator = 'https://cloud.logto.io/api';

const allScopeDescription = 'Default scope for the Management API: allows every operation.';

/** Keys from the environment go to tenant `default` only: tenants never share a signing key. */
const seedCommon = async (tx: Queryable, tenantId: string, keys: SeedKeys) => {
  await insertLogtoConfigIfAbsent(
    tx,
    tenantId,
    logtoConfigKeys.oidcPrivateKeys,
    keys.privateKeys ?? [generateSigningKey()],
  );
  await insertLogtoConfigIfAbsent(
    tx,
    tenantId,
    logtoConfigKeys.oidcCookieKeys,
    keys.cookieKeys ?? [generateCookieKey()],
  );
  await insertLogtoConfigIfAbsent(tx, tenantId, logtoConfigKeys.adminConsole, defaultAdminConsoleConfig);
};

const seedDefaultTenant = async (tx: Queryable, keys: SeedKeys) => {
  await seedCommon(tx, defaultTenantId, keys);
  await seedResource(tx, defaultTenantId, {
    id: 'management-api',
    name: 'Logto Management API',
    indicator: managementApiIndicator(defaultTenantId),
    scopes: [{ id: 'management-api-all', name: 'all', description: allScopeDescription }],
  });
  await seedRole(
    tx,
    defaultTenantId,
    {
      id: 'admin-role',
      name: '#internal:admin',
      description: 'Internal admin role for Latch tenant default.',
    },
    ['management-api-all'],
  );
  await seedSignInExperience(tx, defaultTenantId, defaultSignInExperience);
};

const seedAdminTenant = async (tx: Queryable) => {
  await seedCommon(tx, adminTenantId, {});
  const scopes = new Map([
    ...(await seedResource(tx, adminTenantId, {
      name: 'Logto Management API for tenant default',
      indicator: managementApiIndicator(defaultTenantId),
      scopes: [{ name: 'all', description: allScopeDescription }],
    })),
    ...(await seedResource(tx, adminTenantId, {
      name: 'Logto Management API for tenant admin',
      indicator: managementApiIndicator(adminTenantId),
      scopes: [{ name: 'all', description: allScopeDescription }],
    })),
    ...(await seedResource(tx, adminTenantId, {
      name: 'Logto Me API',
      indicator: meApiIndicator,
      scopes: [{ name: 'all', description: 'Default scope for the Me API: allows every operation.' }],
    })),
    ...(await seedResource(tx, adminTenantId, {
      name: 'Logto Cloud API',
      indicator: cloudApiIndicator,
      scopes: [
        { name: 'create:tenant', description: 'Allow creating new tenants.' },
        { name: 'manage:tenant', description: 'Allow managing existing tenants.' },
        { name: 'send:email', description: 'Allow sending emails.' },
        { name: 'send:sms', description: 'Allow sending SMS.' },
      ],
    })),
  ]);
  const scope = (indicator: string, name: string) => {
    const id = scopes.get(`${indicator} ${name}`);
    if (!id) throw new Error(`seed: no scope ${name} on ${indicator}`);
    return id;
  };
  await seedRole(tx, adminTenantId, { name: 'user', description: 'Default role for admin tenant users.' }, [
    scope(meApiIndicator, 'all'),
    scope(cloudApiIndicator, 'create:tenant'),
  ]);
  await seedRole(tx, adminTenantId, { name: 'default:admin', description: 'Admin of tenant default.' }, [
    scope(managementApiIndicator(defaultTenantId), 'all'),
  ]);
  await seedRole(tx, adminTenantId, { name: 'admin:admin', description: 'Admin of the admin tenant.' }, [
    scope(managementApiIndicator(adminTenantId), 'all'),
    ...['create:tenant', 'manage:tenant', 'send:email', 'send:sms'].map((name) =>
      scope(cloudApiIndicator, name),
    ),
  ]);
  const tenantApplicationRole = await seedRole(
    tx,
    adminTenantId,
    { name: 'tenantApplication', description: 'The role for M2M applications that represent a user tenant.' },
    [scope(cloudApiIndicator, 'send:email'), scope(cloudApiIndicator, 'send:sms')],
  );
  await seedApplication(tx, adminTenantId, {
    name: 'Cloud Service',
    type: 'MachineToMachine',
    customClientMetadata: { tenantId: defaultTenantId },
    roleIds: [tenantApplicationRole],
  });
  await seedApplication(tx, adminTenantId, {
    id: adminConsoleApplicationId,
    name: 'Admin Console',
    type: 'SPA',
  });
  await seedSignInExperience(tx, adminTenantId, adminSignInExperience);
};

/** Keys from the environment (OIDC_PRIVATE_KEYS / OIDC_COOKIE_KEYS); generated when absent. */
export type SeedKeys = { privateKeys?: readonly string[]; cookieKeys?: readonly string[] };

const seeders: ReadonlyArray<[string, (tx: Queryable, keys: SeedKeys) => Promise<void>]> = [
  [defaultTenantId, seedDefaultTenant],
  [adminTenantId, seedAdminTenant],
];

/** Seeds the tenants that do not exist yet; returns the ids it created. */
export const seed = async (db: Db, keys: SeedKeys = {}): Promise<string[]> => {
  const created: string[] = [];
  for (const [tenantId, seedTenant] of seeders) {
    const inserted = await db.transaction(async (tx) => {
      await lockSchema(tx);
      const { rowCount } = await tx.query(
        sql`insert into tenants (id) values (${tenantId}) on conflict do nothing`,
      );
      if (rowCount === 0) return false;
      await seedTenant(tx, keys);
      return true;
    });
    if (inserted) created.push(tenantId);
  }
  return created;
};
