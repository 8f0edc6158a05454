import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createEmptyPgDatabase } from '../support/db.ts';
import { testEnv } from '../support/env.ts';

const root = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const databaseEnv = async (): Promise<Record<string, string>> => {
  if (testEnv.dbKind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-cli-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    return { DATA_DIR: dataDir };
  }
  const database = await createEmptyPgDatabase();
  cleanups.push(database.drop);
  return { DB_URL: database.url };
};

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['src/cli/index.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });

describe(`CLI (${testEnv.dbKind})`, () => {
  it('migrates, seeds and reports status; running again changes nothing', async () => {
    const env = await databaseEnv();
    assert.match(cli(['db', 'status'], env).stdout, /^Schema version 0 of \d+ \(\d+ pending\)\.\n$/);
    const migrated = cli(['db', 'migrate'], env);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /^Migrated from version 0 to \d+: initial/);
    assert.match(cli(['db', 'migrate'], env).stdout, /^Already at version \d+\.\n$/);
    assert.equal(cli(['db', 'seed'], env).stdout, 'Seeded tenants: default, admin.\n');
    assert.equal(cli(['db', 'seed'], env).stdout, 'All tenants exist; nothing to seed.\n');
    assert.match(cli(['db', 'status'], env).stdout, /\(up to date\)\.\n$/);

    const rotated = cli(['keys', 'rotate'], env);
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /^Tenant default: new signing key [\w-]{43}; 1 older key\(s\) kept\.\n$/);
    assert.match(
      cli(['keys', 'rotate', 'cookie-keys', 'admin'], env).stdout,
      /^Tenant admin: new cookie key/,
    );
    const unknown = cli(['keys', 'rotate', 'private-keys', 'nobody'], env);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, 'latch: Tenant nobody has no private-keys: is it seeded?\n');
  });

  it('prints usage for an unknown command, with exit code 2', () => {
    const result = cli(['db', 'drop-everything'], {});
    assert.equal(result.status, 2);
    assert.match(result.stdout, /^Usage: npm run cli/);
  });
});
