/**
 * Every API route, by router. Anonymous routes need no token; management routes pass the
 * management-API guard (spec §3.1) before their input is even validated.
 */
import type { ConnectorHost } from '../connectors/host.ts';
import type { Db } from '../db/driver.ts';
import type { HookWorker } from '../hooks/worker.ts';
import { Router } from '../http/router.ts';
import type { AppMiddleware } from '../http/types.ts';
import type { ConfigCache } from '../libraries/config-cache.ts';
import type { ProviderRegistry } from '../oidc/registry.ts';
import { buildOpenApiDocument } from '../openapi/build.ts';
import type { Tenancy } from '../tenancy/tenant.ts';
import { registerAdminConsoleConfigRoutes } from './admin-console-config.ts';
import { registerApplicationRoutes } from './applications.ts';
import { registerConnectorRoutes } from './connectors.ts';
import { registerCustomPhraseRoutes } from './custom-phrases.ts';
import { registerDashboardRoutes } from './dashboard.ts';
import { registerHookRoutes } from './hooks.ts';
import { registerConsentRoutes } from './interaction/consent.ts';
import { registerExperienceRoutes } from './interaction/experience.ts';
import { registerLogRoutes } from './logs.ts';
import { registerOidcKeyRoutes } from './oidc-keys.ts';
import { registerResourceScopeRoutes } from './resource-scopes.ts';
import { registerResourceRoutes } from './resources.ts';
import { registerRoleScopeRoutes } from './role-scopes.ts';
import { registerRoleRoutes } from './roles.ts';
import { registerSignInExperienceRoutes } from './sign-in-experience.ts';
import { registerStatusRoutes } from './status.ts';
import { registerSwaggerRoutes } from './swagger.ts';
import { registerUserRoleRoutes } from './user-roles.ts';
import { registerUserRoutes } from './users.ts';
import { registerVerificationCodeRoutes } from './verification-codes.ts';
import { registerWellKnownRoutes } from './well-known.ts';

export type RouteDeps = {
  db: Db;
  bodyLimit: number;
  managementGuard: AppMiddleware;
  providers: ProviderRegistry;
  version: string;
  userDefaultRoleNames: readonly string[];
  connectors: ConnectorHost;
  cache: ConfigCache;
  hooks: HookWorker;
  tenancy: Tenancy;
};

export const createApiRouters = (deps: RouteDeps): Router[] => {
  const anonymous = new Router({ prefix: '/api', bodyLimit: deps.bodyLimit });
  const management = new Router({ prefix: '/api', bodyLimit: deps.bodyLimit, guard: deps.managementGuard });

  registerStatusRoutes(anonymous, deps);
  registerConsentRoutes(anonymous, deps);
  registerExperienceRoutes(anonymous, deps);
  registerWellKnownRoutes(anonymous, deps);
  registerAdminConsoleConfigRoutes(management, deps);
  registerApplicationRoutes(management, deps);
  registerResourceRoutes(management, deps);
  registerResourceScopeRoutes(management, deps);
  registerRoleRoutes(management, deps);
  registerRoleScopeRoutes(management, deps);
  registerOidcKeyRoutes(management, deps);
  registerUserRoutes(management, deps);
  registerUserRoleRoutes(management, deps);
  registerConnectorRoutes(management, deps);
  registerVerificationCodeRoutes(management, deps);
  registerSignInExperienceRoutes(management, deps);
  registerLogRoutes(management, deps);
  registerDashboardRoutes(management, deps);
  registerHookRoutes(management, deps);
  registerCustomPhraseRoutes(management, deps);

  let document: Record<string, unknown> | undefined;
  registerSwaggerRoutes(anonymous, () => {
    document ??= buildOpenApiDocument(
      [
        { routes: anonymous.definitions, prefix: anonymous.prefix, secured: false },
        { routes: management.definitions, prefix: management.prefix, secured: true },
      ],
      deps.version,
    );
    return document;
  });

  return [anonymous, management];
};
