/**
 * Composition root: one Koa app serves both tenants; the request's tenant is resolved first
 * (spec §1.2), then `/oidc` (the provider), `/api` (CORS, routers, JSON 404), `/me` (admin tenant)
 * and last the sign-in pages and the demo app (`pages/`).
 */
import cors from '@koa/cors';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Config } from './config/index.ts';
import { createConnectorHost } from './connectors/host.ts';
import { mockConnectorFactories } from './connectors/mock/index.ts';
import { oauth2Connector } from './connectors/oauth2.ts';
import { oidcConnector } from './connectors/oidc.ts';
import { smtpConnector } from './connectors/smtp.ts';
import type { ConnectorFactory } from './connectors/types.ts';
import type { Db } from './db/driver.ts';
import { ApiError } from './errors/api-error.ts';
import type { HookWorker } from './hooks/worker.ts';
import { errorHandler } from './http/error-handler.ts';
import { managementAuth, meAuth } from './http/management-auth.ts';
import { requestContext } from './http/request-context.ts';
import { Router } from './http/router.ts';
import type { AppMiddleware, AppState } from './http/types.ts';
import { interactionAudit } from './interaction/audit.ts';
import type { AuditLog } from './libraries/audit-log.ts';
import type { ConfigCache } from './libraries/config-cache.ts';
import { createPublicKeyStore } from './libraries/public-keys.ts';
import { createSecretBox } from './libraries/secret-box.ts';
import type { Logger } from './logger.ts';
import { mountOidc } from './oidc/mount.ts';
import { createProviderRegistry } from './oidc/registry.ts';
import { loadPageAssets } from './pages/assets.ts';
import { experienceDist } from './pages/build.ts';
import { servePages } from './pages/serve.ts';
import { createApiRouters } from './routes/index.ts';
import { registerMeRoutes } from './routes/me.ts';
import { adminTenantId, type Tenancy } from './tenancy/tenant.ts';

export type AppDeps = {
  config: Config;
  db: Db;
  logger: Logger;
  tenancy: Tenancy;
  version: string;
  cache: ConfigCache;
  audit: AuditLog;
  hooks: HookWorker;
  /** Connectors from installed packages (connectors/packages.ts). */
  connectorPackages?: readonly ConnectorFactory[];
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

const apiNotFound: AppMiddleware = async (ctx) => {
  throw new ApiError('request.route_not_found', {
    status: 404,
    interpolation: { method: ctx.method, path: ctx.path },
  });
};

export const createApp = ({
  config,
  db,
  logger,
  tenancy,
  version,
  cache,
  audit,
  hooks,
  connectorPackages = [],
}: AppDeps): Koa<AppState> => {
  // Behind a proxy, only the address the proxy itself appended counts: the client writes the rest.
  const app = new Koa<AppState>({ proxy: config.trustProxyHeader, maxIpsCount: 1 });
  const keys = createPublicKeyStore(db);
  // Built-in connectors, and the mock ones for integration tests only.
  const builtIn = [
    smtpConnector,
    oidcConnector,
    oauth2Connector,
    ...(config.integrationTest ? mockConnectorFactories(config.mockConnectorRecordFile) : []),
  ];
  const taken = new Set(builtIn.map((factory) => factory.metadata.id));
  for (const factory of connectorPackages.filter((candidate) => taken.has(candidate.metadata.id))) {
    logger.warn({ connectorId: factory.metadata.id }, 'connector package skipped: its id is taken');
  }
  const connectors = createConnectorHost(
    [...builtIn, ...connectorPackages.filter((factory) => !taken.has(factory.metadata.id))],
    createSecretBox(config.secretsEncryptionKey),
  );
  const registry = createProviderRegistry({
    db,
    tenancy,
    cache,
    audit,
    trustProxy: config.trustProxyHeader,
  });
  // Keys live in logto_configs: a rotation (here or on another instance) takes effect at once.
  cache.onChange((tenantId, table) => {
    if (tenantId === undefined) {
      for (const tenant of [tenancy.user, tenancy.admin]) registry.reload(tenant.id);
      keys.forget();
    } else if (table === 'logto_configs') {
      registry.reload(tenantId);
      keys.forget(tenantId);
    }
  });
  const routers = createApiRouters({
    db,
    providers: registry,
    cache,
    hooks,
    tenancy,
    userDefaultRoleNames: config.userDefaultRoleNames,
    connectors,
    bodyLimit: config.bodyLimit,
    version,
    managementGuard: managementAuth({ tenancy, keys }, { integrationTest: config.integrationTest }),
  });

  // Browsers may call /api only from the admin console's origin (spec §2.5); everything else is
  // same-origin or server-to-server and needs no CORS.
  const corsOrigins = new Set([tenancy.admin.endpoint.origin]);
  const apiCors = cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      return corsOrigins.has(origin) ? origin : '';
    },
    exposeHeaders: ['Total-Number', 'Link', 'x-request-id'],
    credentials: true,
  });

  const api = [
    apiCors,
    interactionAudit(audit),
    ...routers.map((router) => router.middleware()),
    apiNotFound,
  ];
  const runApi: AppMiddleware = async (ctx, next) => {
    if (!isApiPath(ctx.path)) return next();
    const chain = api.reduceRight<() => Promise<void>>(
      (nextStep, middleware) => async () => {
        await middleware(ctx, nextStep);
      },
      async () => undefined,
    );
    try {
      await chain();
    } finally {
      // This instance's own management writes are visible to its next request, before the change
      // notification arrives. Only successful, authenticated writes: nobody can flush it at will.
      if (!safeMethods.has(ctx.method) && ctx.state.auth && ctx.status < 300) {
        cache.invalidate(ctx.state.tenant.id);
      }
    }
  };

  // `/me` exists on the admin tenant only (spec §3.4); elsewhere the path is not Latch's.
  const me = new Router({
    prefix: '/me',
    bodyLimit: config.bodyLimit,
    guard: meAuth({ tenancy, keys }, { integrationTest: config.integrationTest }),
  });
  registerMeRoutes(me, { db, connectors });
  const meRoutes = me.middleware();
  const runMe: AppMiddleware = async (ctx, next) => {
    const isMePath = ctx.path === '/me' || ctx.path.startsWith('/me/');
    if (!isMePath || ctx.state.tenant.id !== adminTenantId) return next();
    await meRoutes(ctx, () => apiNotFound(ctx, async () => undefined));
    // A changed profile shows in this instance's next token or userinfo answer (the cached account).
    if (!safeMethods.has(ctx.method) && ctx.status < 300) cache.invalidate(adminTenantId);
  };

  app.use(requestContext(logger, tenancy));
  app.use(errorHandler());
  app.use(mountOidc(registry));
  app.use(compress({ threshold: 1024 }));
  app.use(runApi);
  app.use(runMe);
  app.use(
    servePages({
      assets: loadPageAssets(experienceDist),
      registry,
      db,
      adminOrigin: tenancy.admin.endpoint.origin,
    }),
  );
  // koa's own error log would print stacks for errors we already rendered.
  app.silent = true;
  return app;
};
