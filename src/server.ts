/**
 * Listens on PORT (tenant `default`) and ADMIN_PORT (tenant `admin`) with one Koa app, over
 * HTTP/1.1, or HTTP/2 with TLS when HTTPS_CERT_PATH and HTTPS_KEY_PATH are set. Public URLs default
 * to `http(s)://localhost:<port>` of the ports actually bound (port 0 picks a free one).
 */
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import type { Config } from './config/index.ts';
import { loadConnectorPackages } from './connectors/packages.ts';
import type { Db } from './db/driver.ts';
import { startHookWorker } from './hooks/worker.ts';
import { adminListener } from './http/request-context.ts';
import { createAuditLog } from './libraries/audit-log.ts';
import { createConfigCache } from './libraries/config-cache.ts';
import type { Logger } from './logger.ts';
import { startExpirySweeper } from './oidc/expiry-sweeper.ts';
import { createTenancy, type Tenancy } from './tenancy/tenant.ts';

type AnyServer = http.Server | http2.Http2SecureServer;

export type RunningServer = {
  tenancy: Tenancy;
  urls: { user: URL; admin: URL };
  /** The ports actually bound (the URLs may name a proxy's). */
  ports: { user: number; admin: number };
  /** Stops accepting, lets in-flight requests finish (up to the configured timeout), then resolves. */
  close(): Promise<void>;
};

const createServer = (config: Config): AnyServer => {
  if (!config.https) return http.createServer({ requestTimeout: 120_000 });
  const server = http2.createSecureServer({
    cert: fs.readFileSync(config.https.certPath),
    key: fs.readFileSync(config.https.keyPath),
    allowHTTP1: true,
  });
  server.setTimeout(120_000);
  // HTTP/2 has no closeAllConnections(): keep the sessions so a shutdown can end them.
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  sessionsOf.set(server, sessions);
  return server;
};

const sessionsOf = new WeakMap<AnyServer, Set<http2.ServerHttp2Session>>();

const listen = (server: AnyServer, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const closeGracefully = (server: AnyServer, timeoutMs: number): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) return resolve();
    // A keep-alive connection whose request finishes after close() becomes idle, not closed:
    // sweep idle connections until the server is done, so shutdown does not wait for keep-alive.
    const sweep =
      server instanceof http.Server ? setInterval(() => server.closeIdleConnections(), 50) : undefined;
    const timer = setTimeout(() => {
      if (server instanceof http.Server) server.closeAllConnections();
      for (const session of sessionsOf.get(server) ?? []) session.destroy();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweep);
      resolve();
    });
    if (server instanceof http.Server) server.closeIdleConnections();
    for (const session of sessionsOf.get(server) ?? []) session.close();
  });

export const startServer = async (deps: {
  config: Config;
  db: Db;
  logger: Logger;
  version: string;
}): Promise<RunningServer> => {
  const { config, logger } = deps;
  const userServer = createServer(config);
  const adminServer = createServer(config);
  const scheme = config.https ? 'https' : 'http';
  let userPort: number;
  let adminPort: number;
  try {
    userPort = await listen(userServer, config.port);
    adminPort = await listen(adminServer, config.adminPort);
  } catch (error) {
    userServer.close();
    const { code, port } = error as NodeJS.ErrnoException & { port?: number };
    throw Object.assign(
      new Error(`Cannot listen on port ${port ?? '?'} (${code ?? (error as Error).message}).`),
      {
        startup: true,
      },
    );
  }
  const urls = {
    user: config.endpoint ?? new URL(`${scheme}://localhost:${userPort}`),
    admin: config.adminEndpoint ?? new URL(`${scheme}://localhost:${adminPort}`),
  };
  const tenancy = createTenancy(urls, { user: config.endpoint, admin: config.adminEndpoint });
  const connectorPackages = await loadConnectorPackages(config.connectorsDir, logger);
  const cache = createConfigCache(deps.db);
  const audit = createAuditLog(deps.db, logger);
  const hooks = startHookWorker(deps.db, audit, logger, {
    allowInternalTargets: config.hooksAllowInternalTargets,
  });
  const stopSweeper = startExpirySweeper(deps.db, logger);
  const app = createApp({ ...deps, tenancy, cache, audit, hooks, connectorPackages });
  const callback = app.callback();
  userServer.on('request', callback);
  adminServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    (req as unknown as Record<symbol, boolean>)[adminListener] = true;
    return callback(req, res);
  });
  logger.info({ user: urls.user.href, admin: urls.admin.href, userPort, adminPort }, 'listening');

  return {
    tenancy,
    urls,
    ports: { user: userPort, admin: adminPort },
    async close() {
      await Promise.all([
        closeGracefully(userServer, config.shutdownTimeoutMs),
        closeGracefully(adminServer, config.shutdownTimeoutMs),
      ]);
      await stopSweeper();
      await hooks.stop();
      await audit.close();
      await cache.close();
    },
  };
};
