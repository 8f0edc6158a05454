/**
 * Opens the configured database. Failures a user can fix (unreachable server, a foreign or
 * corrupt data directory, a data directory another process holds) become a `StartupError` with
 * one clear sentence; `main.ts` prints it and exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DbConfig } from '../config/index.ts';
import { StartupError } from '../errors/startup-error.ts';
import type { Db } from './driver.ts';
import { createPgDb } from './drivers/pg.ts';
import { createPgliteDb } from './drivers/pglite.ts';

const lockName = 'latch.lock';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite keeps the whole server in this process: two processes on one data directory would
 * corrupt it. A pid file refuses the second one; a stale file (its process is gone) is replaced.
 */
const acquireDataDirLock = (dataDir: string): (() => void) => {
  const file = path.join(dataDir, lockName);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = fs.readFileSync(file, 'utf8').trim();
    const pid = Number(holder);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by another Latch process (pid ${pid}); stop it first, or use DB_URL to share a PostgreSQL server.`,
      );
    }
    // Take a stale lock over by moving it aside (atomic: of two processes only one succeeds),
    // and put it back if what moved is not the stale lock we read but a fresh one of a rival.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    if (fs.readFileSync(aside, 'utf8').trim() !== holder) {
      fs.renameSync(aside, file);
      continue;
    }
    fs.rmSync(aside, { force: true });
  }
  throw new StartupError(`Could not lock DATA_DIR ${dataDir}: another process is starting on it.`);
};

const openPglite = async (dataDir: string): Promise<Db> => {
  const pgDir = path.join(dataDir, 'pglite');
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} cannot be created: ${(error as Error).message}`);
  }
  if (
    fs.existsSync(pgDir) &&
    fs.readdirSync(pgDir).length > 0 &&
    !fs.existsSync(path.join(pgDir, 'PG_VERSION'))
  ) {
    throw new StartupError(
      `DATA_DIR ${dataDir} holds a folder "pglite" that is not a PostgreSQL data directory.`,
    );
  }
  const release = acquireDataDirLock(dataDir);
  try {
    if (!fs.existsSync(pgDir)) await initDataDir(pgDir);
    const db = await createPgliteDb({ dataDir: pgDir });
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw new StartupError(
      `The embedded database in ${pgDir} could not be opened (${(error as Error).message || 'corrupt data'}). Restore it from a backup or point DATA_DIR elsewhere.`,
    );
  }
};

/**
 * initdb into a side folder, renamed into place once complete: a process killed during its first
 * start leaves no half-initialised cluster, only a side folder the next start replaces.
 */
const initDataDir = async (pgDir: string) => {
  const partial = `${pgDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  await (await createPgliteDb({ dataDir: partial })).close();
  fs.renameSync(partial, pgDir);
};

const describeTarget = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)}`;
};

const openPostgres = async (url: string, poolSize: number): Promise<Db> => {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client's error before createPgDb listens (server restart): the pool drops the client.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`Cannot connect to PostgreSQL at ${describeTarget(url)} (${reason}).`);
  }
  return createPgDb(pool);
};

export const openDb = async (config: DbConfig): Promise<Db> =>
  config.kind === 'postgres' ? openPostgres(config.url, config.poolSize) : openPglite(config.dataDir);
