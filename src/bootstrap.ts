/**
 * Brings a database to a runnable state: migrations (under the schema lock), then the first-start
 * seed. Used by `main.ts`, the CLI and the tests alike.
 */
import type { Db } from './db/driver.ts';
import { migrate } from './db/migrate.ts';
import { type SeedKeys, seed } from './db/seed/index.ts';
import type { Logger } from './logger.ts';

export const prepareDatabase = async (db: Db, logger?: Logger, keys?: SeedKeys) => {
  const migrated = await migrate(db);
  if (migrated.applied.length > 0) logger?.info({ ...migrated }, 'database migrated');
  const seeded = await seed(db, keys);
  if (seeded.length > 0) logger?.info({ tenants: seeded }, 'tenants seeded');
  return { migrated, seeded };
};
