/**
 * `npm run cli -- <command>`: operations on the configured database (same env as `npm start`).
 *   db migrate   apply pending migrations
 *   db seed      seed tenants that do not exist yet (migrates first)
 *   db status    print the applied and latest schema versions
 *   keys rotate  add a new signing (or cookie) key to a tenant
 *   connector add|list  install or list connector packages (connectors folder)
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from '../bootstrap.ts';
import { type Config, ConfigError, loadConfig } from '../config/index.ts';
import { loadConnectorPackages } from '../connectors/packages.ts';
import type { Db } from '../db/driver.ts';
import { migrate, schemaVersion } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { StartupError } from '../errors/startup-error.ts';
import { createLogger } from '../logger.ts';
import { readKeys, rotateKeys } from '../oidc/key-store.ts';

const usage = `Usage: npm run cli -- <command>

Commands:
  db migrate   Apply pending database migrations.
  db seed      Migrate, then seed the tenants that do not exist yet (default, admin).
  db status    Print the applied and the latest schema version.
  keys rotate [private-keys|cookie-keys] [tenant] [--rsa]
               Add a new key that signs from now on (default: private-keys of tenant
               default, EC P-384). Older keys stay published while tokens they signed
               may be valid. Running Latch instances on PostgreSQL switch at once; with
               the embedded database, stop Latch first or use the management API route
               POST /api/configs/oidc/private-keys/rotate.
  connector add <package...>
               Install Logto connector packages (e.g. @logto/connector-sendgrid-email)
               into CONNECTORS_DIR (default DATA_DIR/connectors); restart Latch to offer them.
  connector list
               The connectors installed there.
`;

const commands: Readonly<
  Record<string, (db: Db, keys: Parameters<typeof prepareDatabase>[2], args: string[]) => Promise<string>>
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
  'keys rotate': async (db, _keys, args) => {
    const positional = args.filter((arg) => !arg.startsWith('--'));
    const type = positional[0] ?? 'private-keys';
    const tenantId = positional[1] ?? 'default';
    if (type !== 'private-keys' && type !== 'cookie-keys') {
      throw new StartupError(`Unknown key type ${type}: use private-keys or cookie-keys.`);
    }
    if ((await readKeys(db, tenantId, type)).length === 0) {
      throw new StartupError(`Tenant ${tenantId} has no ${type}: is it seeded?`);
    }
    const keys = await db.transaction((tx) =>
      rotateKeys(tx, tenantId, type, { algorithm: args.includes('--rsa') ? 'RSA' : 'EC' }),
    );
    const [fresh, ...kept] = keys;
    return `Tenant ${tenantId}: new ${type === 'private-keys' ? 'signing' : 'cookie'} key ${fresh?.id}; ${kept.length} older key(s) kept.`;
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

/** Commands on the connectors folder: no database (a running embedded Latch holds it). */
const folderCommands: Readonly<Record<string, (config: Config, args: string[]) => Promise<string>>> = {
  'connector add': async ({ connectorsDir }, packages) => {
    if (packages.length === 0)
      throw new StartupError('Name the package(s): npm run cli -- connector add <package>.');
    fs.mkdirSync(connectorsDir, { recursive: true });
    const manifest = path.join(connectorsDir, 'package.json');
    if (!fs.existsSync(manifest)) {
      fs.writeFileSync(manifest, `${JSON.stringify({ name: 'latch-connectors', private: true }, null, 2)}\n`);
    }
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', connectorsDir, '--no-audit', '--no-fund', '--save', ...packages],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (npm.status !== 0) throw new StartupError(`npm install failed (exit ${npm.status ?? npm.signal}).`);
    const loaded = await loadConnectorPackages(connectorsDir, createLogger('silent'));
    return `Installed into ${connectorsDir}; connectors: ${loaded.map((f) => `${f.metadata.id} (${f.type})`).join(', ') || 'none'}. Restart Latch to offer them.`;
  },
  'connector list': async ({ connectorsDir }) => {
    const loaded = await loadConnectorPackages(connectorsDir, createLogger('silent'));
    return loaded.length > 0
      ? loaded.map((factory) => `${factory.metadata.id}\t${factory.type}`).join('\n')
      : `No connector packages in ${connectorsDir}.`;
  },
};

const run = async (args: string[]): Promise<number> => {
  const folderCommand = folderCommands[args.slice(0, 2).join(' ')];
  if (folderCommand) {
    process.stdout.write(`${await folderCommand(loadConfig(process.env), args.slice(2))}\n`);
    return 0;
  }
  const command = commands[args.slice(0, 2).join(' ')];
  if (!command) {
    process.stdout.write(usage);
    return args.length === 0 || args[0] === 'help' || args[0] === '--help' ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const db = await openDb(config.db);
  try {
    process.stdout.write(
      `${await command(db, { privateKeys: config.oidcPrivateKeys, cookieKeys: config.oidcCookieKeys }, args.slice(2))}\n`,
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
