/**
 * `npm test`: runs every test file with Node's test runner against a real database.
 *   npm test                    PGlite (embedded)
 *   npm test -- --db=postgres   PostgreSQL (TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   npm test -- --db=both       both, one after the other, then one combined summary line
 * Extra arguments are test files or globs. A migrated, seeded template is prepared once per run
 * and each test file clones it; every database the run creates is dropped at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../src/bootstrap.ts';
import { createPgDb } from '../src/db/drivers/pg.ts';
import { createPgliteDb } from '../src/db/drivers/pglite.ts';
import { ensureExperienceBuilt } from '../src/pages/build.ts';

type Kind = 'pglite' | 'postgres';

const args = process.argv.slice(2);
const dbArg = args.find((arg) => arg.startsWith('--db='))?.slice(5) ?? 'pglite';
const files = args.filter((arg) => !arg.startsWith('--'));
const kinds: Kind[] = dbArg === 'both' ? ['pglite', 'postgres'] : [dbArg as Kind];
if (!kinds.every((kind) => kind === 'pglite' || kind === 'postgres')) {
  console.error(`unknown --db=${dbArg} (pglite, postgres or both)`);
  process.exit(2);
}

const pgAdminUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runId = `${Date.now().toString(36)}${process.pid}`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'latch-test-'));

const adminQuery = async (text: string) => {
  const client = new pg.Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
};

const preparePglite = async (): Promise<Record<string, string>> => {
  const db = await createPgliteDb({});
  const dump = async (name: string) => {
    const file = path.join(workDir, name);
    fs.writeFileSync(file, await db.dump());
    return file;
  };
  const empty = await dump('pglite-empty.tar');
  await prepareDatabase(db);
  const template = await dump('pglite-template.tar');
  await db.close();
  return { LATCH_TEST_PGLITE_EMPTY: empty, LATCH_TEST_PGLITE_TEMPLATE: template };
};

const preparePostgres = async (): Promise<Record<string, string>> => {
  const template = `latch_test_${runId}_template`;
  await adminQuery(`create database "${template}"`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${template}`;
  const db = createPgDb(new pg.Pool({ connectionString: url.href, max: 2 }));
  await prepareDatabase(db);
  await db.close();
  return { LATCH_TEST_PG_URL: pgAdminUrl, LATCH_TEST_PG_TEMPLATE: template };
};

const dropRunDatabases = async () => {
  const { rows } = await adminQuery(
    `select datname from pg_database where datname like 'latch_test_${runId}%'`,
  );
  for (const { datname } of rows as { datname: string }[]) {
    await adminQuery(`drop database if exists "${datname}" with (force)`);
  }
};

const runTests = (env: Record<string, string>): Promise<{ code: number; pass: number; fail: number }> =>
  new Promise((resolve) => {
    const patterns = files.length > 0 ? files : ['src/**/*.test.ts', 'test/**/*.test.ts'];
    const child = spawn(
      process.execPath,
      ['--test', '--test-concurrency=2', '--test-timeout=120000', ...patterns],
      { env: { ...process.env, ...env, LATCH_TEST_RUN_ID: runId }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const count = (label: string) => Number(output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
      // A suite whose `before` hook failed cancels its tests: they count as failed too.
      resolve({ code: code ?? 1, pass: count('pass'), fail: count('fail') + count('cancelled') });
    });
  });

// The app serves the built sign-in pages: build them if a source changed since the last build.
if (await ensureExperienceBuilt()) console.log('sign-in pages built');

let failed = false;
const totals = { pass: 0, fail: 0 };
try {
  for (const kind of kinds) {
    const started = performance.now();
    console.log(`\n=== tests on ${kind} ===`);
    const env = kind === 'pglite' ? await preparePglite() : await preparePostgres();
    const result = await runTests({ ...env, LATCH_TEST_DB: kind });
    console.log(
      `=== ${kind}: ${result.pass} passed, ${result.fail} failed in ${((performance.now() - started) / 1000).toFixed(1)} s ===`,
    );
    totals.pass += result.pass;
    totals.fail += result.fail;
    if (result.code !== 0) failed = true;
  }
} finally {
  if (kinds.includes('postgres')) await dropRunDatabases().catch((error) => console.error('cleanup:', error));
  fs.rmSync(workDir, { recursive: true, force: true });
}
if (kinds.length > 1) console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(failed ? 1 : 0);
