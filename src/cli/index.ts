/**
 * `npm run cli -- <command>`: operations on the configured database (same env as `npm start`).
 *   db migrate   apply pending migrations
 *   db seed      seed tenants that do not exist yet (migrates first)
 *   db status    print the applied and latest schema versions
 */
import { prepareDatabase } from '../bootstrap.ts';
import { ConfigError, loadConfig } from '../config/index.ts';
import type { Db } from '../db/driver.ts';
import { migrate, schemaVersion } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { StartupError } from '../errors/startup-error.ts';

const usage = `Usage: npm run cli -- <command>

Commands:
  db migrate   Apply pending database migrations.
  db seed      Migrate, then seed the tenants that do not exist yet (default, admin).
  db status    Print the applied and the latest schema version.
`;

const commands: Readonly<
  Record<string, (db: Db, keys: Parameters<typeof prepareDatabase>[2]) => Promise<string>>
> = {
  'db migrate': async (db) => {
    const { from, to, applied } = await migrate(db);
    return applied.length > 0
      ? `Migrated from version ${from} to ${to}: ${applied.join(', ')}.`
      : `Already at version ${to}.`;
  },
  'db seed': async (db, keys) => {
    const { seeded } = await prepareDatabase(db, undefined, keys);
    return seeded.length > 0
      ? `Seeded tenants: ${seeded.join(', ')}.`
      : 'All tenants exist; nothing to seed.';
  },
  'db status': async (db) => {
    const { applied, latest } = await schemaVersion(db);
    const state =
      applied === latest
        ? 'up to date'
        : applied < latest
          ? `${latest - applied} pending`
          : 'NEWER than this Latch';
    return `Schema version ${applied} of ${latest} (${state}).`;
  },
};

const run = async (args: string[]): Promise<number> => {
  const command = commands[args.slice(0, 2).join(' ')];
  if (!command) {
    process.stdout.write(usage);
    return args.length === 0 || args[0] === 'help' || args[0] === '--help' ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const db = await openDb(config.db);
  try {
    process.stdout.write(
      `${await command(db, { privateKeys: config.oidcPrivateKeys, cookieKeys: config.oidcCookieKeys })}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
};

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StartupError;
    process.stderr.write(
      `latch: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`,
    );
    process.exit(1);
  },
);
