/**
 * Numbered migrations in `migrations/NNNN_name.sql`, applied in one transaction under a
 * transaction-scoped advisory lock: several processes starting at once queue on the lock, and
 * each re-reads the applied versions once it holds it. A crash mid-way rolls the whole
 * transaction back, so the next start simply runs it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors/startup-error.ts';
import type { Db, Queryable } from './driver.ts';
import { sql } from './sql.ts';

/** Key of `pg_advisory_xact_lock` shared by migrations and seeding ("latch" in ASCII). */
export const schemaLockKey = 0x6c61_7463_68;

export type Migration = { version: number; name: string; sql: string };

const migrationsDir = path.join(import.meta.dirname, 'migrations');

export const loadMigrations = (dir = migrationsDir): Migration[] =>
  fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file, index) => {
      const version = Number(file.slice(0, 4));
      if (version !== index + 1)
        throw new Error(`Migration ${file} is out of sequence (expected ${index + 1}).`);
      return { version, name: file.slice(5, -4), sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    });

export const lockSchema = async (tx: Queryable) => {
  await tx.query(sql`select pg_advisory_xact_lock(${schemaLockKey})`);
};

const readAppliedVersion = async (tx: Queryable): Promise<number> => {
  await tx.exec(`create table if not exists latch_migrations (
    version integer primary key,
    name varchar(128) not null,
    applied_at timestamptz not null default now()
  )`);
  const { rows } = await tx.query<{ version: number | null }>(
    sql`select max(version)::int as version from latch_migrations`,
  );
  return rows[0]?.version ?? 0;
};

export type MigrateResult = { from: number; to: number; applied: string[] };

/** Applies pending migrations up to `target` (default: all known). */
export const migrate = async (
  db: Db,
  options: { migrations?: Migration[]; target?: number } = {},
): Promise<MigrateResult> => {
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const target = options.target ?? latest;
  return db.transaction(async (tx) => {
    await lockSchema(tx);
    const from = await readAppliedVersion(tx);
    if (from > latest) {
      throw new StartupError(
        `The database schema is at version ${from}, newer than this Latch knows (${latest}). Upgrade Latch; do not downgrade a migrated database.`,
      );
    }
    const pending = migrations.filter((m) => m.version > from && m.version <= target);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query(
        sql`insert into latch_migrations (version, name) values (${migration.version}, ${migration.name})`,
      );
    }
    return {
      from,
      to: Math.max(from, ...pending.map((m) => m.version)),
      applied: pending.map((m) => m.name),
    };
  });
};

export const schemaVersion = async (db: Queryable): Promise<{ applied: number; latest: number }> => {
  const latest = loadMigrations().at(-1)?.version ?? 0;
  const { rows } = await db.query<{ exists: boolean }>(
    sql`select to_regclass('latch_migrations') is not null as exists`,
  );
  if (!rows[0]?.exists) return { applied: 0, latest };
  const applied = await db.query<{ version: number }>(
    sql`select coalesce(max(version), 0)::int as version from latch_migrations`,
  );
  return { applied: applied.rows[0]?.version ?? 0, latest };
};
