/**
 * Entry point: config → database → migrations and seed → both listeners. SIGTERM/SIGINT stop
 * gracefully: no new connections, in-flight requests finish, the database closes.
 */
import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config/index.ts';
import { openDb } from './db/open.ts';
import { StartupError } from './errors/startup-error.ts';
import { createLogger } from './logger.ts';
import { ensureExperienceBuilt } from './pages/build.ts';
import { startServer } from './server.ts';
import { version } from './version.ts';

const started = performance.now();

const fail = (message: string): never => {
  process.stderr.write(`latch: ${message}\n`);
  process.exit(1);
};

const isStartupError = (error: unknown) =>
  error instanceof ConfigError ||
  error instanceof StartupError ||
  (error as { startup?: boolean } | undefined)?.startup === true;

const main = async () => {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  // A checkout whose pages were edited (or never built) gets them built before serving.
  if (await ensureExperienceBuilt()) logger.info('sign-in pages built');
  const db = await openDb(config.db);
  try {
    await prepareDatabase(db, logger, {
      privateKeys: config.oidcPrivateKeys,
      cookieKeys: config.oidcCookieKeys,
    });
    const server = await startServer({ config, db, logger, version });
    logger.info(
      {
        db: db.kind,
        readyMs: Math.round(performance.now() - started),
        version,
        urls: { user: server.urls.user.origin, admin: server.urls.admin.origin },
      },
      `Latch ready on ${server.urls.user.href} (default) and ${server.urls.admin.href} (admin)`,
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        // A second signal means "now": the operator is not waiting for in-flight requests.
        logger.warn({ signal }, 'second signal: exiting at once');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      // Whatever hangs (a stuck connection, the database), the process ends.
      setTimeout(() => {
        logger.error('shutdown did not finish in time: exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs + 5000).unref();
      await server.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
};

main().catch((error: unknown) => {
  if (isStartupError(error)) fail((error as Error).message);
  process.stderr.write(`latch: start-up failed\n${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
