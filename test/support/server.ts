/**
 * A real Latch on random ports over a fresh test database, as `npm start` would run it.
 */
import { loadConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { version } from '../../src/version.ts';
import { createTestDb, type TestDb } from './db.ts';

export type TestServer = RunningServer & {
  db: TestDb;
  /** Base URL of tenant `default`, e.g. `http://localhost:40123`. */
  user: string;
  /** Base URL of tenant `admin`. */
  admin: string;
};

export const startTestServer = async (env: Record<string, string> = {}): Promise<TestServer> => {
  const db = await createTestDb();
  const config = loadConfig({ PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'silent', ...env });
  const server = await startServer({ config, db, logger: createLogger(config.logLevel), version });
  return {
    ...server,
    db,
    user: server.urls.user.origin,
    admin: server.urls.admin.origin,
    async close() {
      await server.close();
      await db.close();
    },
  };
};
