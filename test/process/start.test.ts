/**
 * The server as a user runs it: `node src/main.ts` in a child process, on a fresh embedded data
 * directory (or a fresh PostgreSQL database in the PostgreSQL run), stopped and started again.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { DbConfig } from '../../src/config/index.ts';
import { openDb } from '../../src/db/open.ts';
import { sql } from '../../src/db/sql.ts';
import { createEmptyPgDatabase } from '../support/db.ts';
import { testEnv } from '../support/env.ts';
import { request } from '../support/http.ts';
import { spawnLatch } from '../support/process.ts';

const onPglite = testEnv.dbKind === 'pglite';
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A fresh database for one test: env for the process, and a config to inspect it afterwards. */
const freshDatabase = async (): Promise<{ env: Record<string, string>; db: DbConfig }> => {
  if (onPglite) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-data-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    return { env: { DATA_DIR: dataDir }, db: { kind: 'pglite', dataDir } };
  }
  const database = await createEmptyPgDatabase();
  cleanups.push(database.drop);
  return { env: { DB_URL: database.url }, db: { kind: 'postgres', url: database.url, poolSize: 2 } };
};

const snapshot = async (config: DbConfig) => {
  const db = await openDb(config);
  try {
    const configs = await db.query(
      sql`select tenant_id, key, value from logto_configs order by tenant_id, key`,
    );
    const counts = await db.query(sql`select
      (select count(*) from resources)::int as resources, (select count(*) from roles)::int as roles,
      (select count(*) from applications)::int as applications`);
    return { configs: configs.rows, counts: counts.rows[0] };
  } finally {
    await db.close();
  }
};

const dev = { 'development-user-id': 'tester' };
const integration = { INTEGRATION_TEST: 'true' };

describe(`npm start (${testEnv.dbKind})`, () => {
  it('starts, serves both tenants, stops on SIGTERM and keeps every row and key across a restart', async () => {
    const { env, db } = await freshDatabase();
    const first = spawnLatch({ ...env, ...integration });
    const urls = await first.ready;
    assert.equal((await request(`${urls.user}/api/status`)).status, 204);
    assert.equal((await request(`${urls.admin}/api/status`)).status, 204);
    const patched = await request(`${urls.user}/api/configs/admin-console`, {
      method: 'PATCH',
      headers: dev,
      json: { roleCreated: true },
    });
    assert.equal(patched.status, 200);
    first.child.kill('SIGTERM');
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    const before = await snapshot(db);

    const second = spawnLatch({ ...env, ...integration });
    const again = await second.ready;
    const config = await request<{ roleCreated: boolean }>(`${again.user}/api/configs/admin-console`, {
      headers: dev,
    });
    assert.equal(config.body.roleCreated, true);
    second.child.kill('SIGINT');
    assert.equal((await second.exited).code, 0);
    assert.deepEqual(await snapshot(db), before, 'the second start changed nothing');
    assert.doesNotMatch(first.stdout() + second.stdout(), /PRIVATE KEY/, 'no key in the logs');
  });

  it('lets an in-flight request finish during a graceful shutdown', async () => {
    const { env } = await freshDatabase();
    const latch = spawnLatch({ ...env, ...integration });
    const urls = await latch.ready;
    const { port } = new URL(urls.user);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          port,
          method: 'PATCH',
          path: '/api/configs/admin-console',
          headers: { ...dev, 'content-type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"communityChecked":');
      setTimeout(() => {
        latch.child.kill('SIGTERM');
        setTimeout(() => req.end(' true}'), 500);
      }, 200);
    });
    const result = await response;
    assert.equal(result.status, 200);
    assert.equal(JSON.parse(result.body).communityChecked, true);
    assert.equal((await latch.exited).code, 0);
  });

  it('loses nothing written before a kill -9', async () => {
    const { env } = await freshDatabase();
    const first = spawnLatch({ ...env, ...integration });
    const urls = await first.ready;
    await request(`${urls.user}/api/configs/admin-console`, {
      method: 'PATCH',
      headers: dev,
      json: { livePreviewChecked: true },
    });
    first.child.kill('SIGKILL');
    await first.exited;
    const second = spawnLatch({ ...env, ...integration });
    const again = await second.ready;
    const config = await request<{ livePreviewChecked: boolean }>(`${again.user}/api/configs/admin-console`, {
      headers: dev,
    });
    assert.equal(config.body.livePreviewChecked, true);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('completes on the next start after a kill -9 during the first start', async () => {
    const { env } = await freshDatabase();
    for (const delay of [300, 1500]) {
      const killed = spawnLatch(env);
      await new Promise((resolve) => setTimeout(resolve, delay));
      killed.child.kill('SIGKILL');
      await killed.exited;
    }
    const latch = spawnLatch(env);
    const urls = await latch.ready;
    assert.equal((await request(`${urls.admin}/api/status`)).status, 204);
    latch.child.kill('SIGTERM');
    assert.equal((await latch.exited).code, 0);
  });

  it('stops with one clear line for invalid configuration', async () => {
    for (const [env, message] of [
      [{ PORT: 'eighty' }, 'latch: PORT="eighty" is not a valid port (0-65535).\n'],
      [
        { DB_URL: 'postgres://postgres@127.0.0.1:1/latch' },
        'latch: Cannot connect to PostgreSQL at 127.0.0.1:1/latch (ECONNREFUSED).\n',
      ],
    ] as const) {
      const latch = spawnLatch(env);
      assert.equal((await latch.exited).code, 1);
      assert.equal(latch.stderr(), message);
    }
  });

  it('refuses a second process on the same DATA_DIR, and a foreign DATA_DIR', {
    skip: !onPglite,
  }, async () => {
    const { env } = await freshDatabase();
    const first = spawnLatch(env);
    await first.ready;
    const second = spawnLatch(env);
    assert.equal((await second.exited).code, 1);
    assert.match(second.stderr(), /^latch: DATA_DIR .* is in use by another Latch process \(pid \d+\)/);
    first.child.kill('SIGTERM');
    await first.exited;

    const foreign = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-foreign-'));
    cleanups.push(async () => fs.rmSync(foreign, { recursive: true, force: true }));
    fs.mkdirSync(path.join(foreign, 'pglite'));
    fs.writeFileSync(path.join(foreign, 'pglite', 'notes.txt'), 'not a database');
    const refused = spawnLatch({ DATA_DIR: foreign });
    assert.equal((await refused.exited).code, 1);
    assert.match(
      refused.stderr(),
      /^latch: DATA_DIR .* holds a folder "pglite" that is not a PostgreSQL data directory\.\n$/,
    );
  });
});
