/**
 * A fresh, migrated and seeded database for each caller, cloned from the run's template:
 * a PGlite instance loaded from a dump (~1 s instead of a 5 s initdb), or a PostgreSQL database
 * created `TEMPLATE` the run's template (~0.1 s). Closing it drops the PostgreSQL database.
 */
import pg from 'pg';
import { prepareDatabase } from '../../src/bootstrap.ts';
import type { Db } from '../../src/db/driver.ts';
import { createPgDb } from '../../src/db/drivers/pg.ts';
import { createPgliteDb } from '../../src/db/drivers/pglite.ts';
import { testEnv } from './env.ts';

let counter = 0;

const adminQuery = async (text: string) => {
  const client = new pg.Client({ connectionString: testEnv.pgAdminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};

export const pgUrlFor = (database: string) => {
  const url = new URL(testEnv.pgAdminUrl);
  url.pathname = `/${database}`;
  return url.href;
};

/** A new empty PostgreSQL database of this run; returns its name and URL. */
export const createEmptyPgDatabase = async (template?: string) => {
  const name = `latch_test_${testEnv.runId}_${process.pid}_${++counter}`;
  await adminQuery(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  return {
    name,
    url: pgUrlFor(name),
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
};

const openPgDatabase = async (template?: string): Promise<TestDb> => {
  const database = await createEmptyPgDatabase(template);
  const db = createPgDb(new pg.Pool({ connectionString: database.url, max: 5 }));
  return {
    ...db,
    url: database.url,
    async close() {
      await db.close();
      await database.drop();
    },
  };
};

export type TestDb = Db & { url?: string };

/** An empty database (no migrations), of the run's kind. */
export const createEmptyTestDb = async (): Promise<TestDb> => {
  if (testEnv.dbKind === 'postgres') return openPgDatabase();
  return loadPglite(testEnv.pgliteEmpty);
};

const loadPglite = async (dumpFile: string | undefined): Promise<TestDb> => {
  return createPgliteDb({ dumpFile });
};

/** A migrated and seeded database, of the run's kind. */
export const createTestDb = async (): Promise<TestDb> => {
  if (testEnv.dbKind === 'postgres') {
    if (testEnv.pgTemplate) return openPgDatabase(testEnv.pgTemplate);
    const db = await openPgDatabase();
    await prepareDatabase(db);
    return db;
  }
  if (testEnv.pgliteTemplate) return loadPglite(testEnv.pgliteTemplate);
  const db = await createEmptyTestDb();
  await prepareDatabase(db);
  return db;
};
