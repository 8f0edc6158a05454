import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { createPgDb } from '../../src/db/drivers/pg.ts';
import { loadMigrations, migrate, schemaVersion } from '../../src/db/migrate.ts';
import { sql } from '../../src/db/sql.ts';
import { StartupError } from '../../src/errors/startup-error.ts';
import { createEmptyTestDb, createTestDb } from '../support/db.ts';
import { testEnv } from '../support/env.ts';
import { describeSchema } from '../support/schema.ts';

const migrations = loadMigrations();
const latest = migrations.at(-1)?.version ?? 0;

describe(`migrations (${testEnv.dbKind})`, () => {
  it('are numbered without gaps', () => {
    assert.ok(latest >= 1);
    for (const [index, migration] of migrations.entries()) assert.equal(migration.version, index + 1);
  });

  it('a fresh install equals every step-by-step upgrade path, and the seeded template', async () => {
    const fresh = await createEmptyTestDb();
    try {
      const result = await migrate(fresh);
      assert.deepEqual(result, { from: 0, to: latest, applied: migrations.map((m) => m.name) });
      const expected = await describeSchema(fresh);
      assert.ok(expected.columns.length > 100, 'the schema has its tables');

      for (let stop = 1; stop < latest; stop++) {
        const upgraded = await createEmptyTestDb();
        try {
          await migrate(upgraded, { target: stop });
          assert.equal((await schemaVersion(upgraded)).applied, stop);
          await migrate(upgraded);
          assert.deepEqual(await describeSchema(upgraded), expected, `upgrade from version ${stop}`);
        } finally {
          await upgraded.close();
        }
      }

      const template = await createTestDb();
      try {
        assert.deepEqual(await describeSchema(template), expected);
      } finally {
        await template.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it('scopes every business table by tenant: tenant_id not null, referencing tenants, first in the key', async () => {
    const db = await createTestDb();
    try {
      const { rows } = await db.query<{
        table_name: string;
        nullable: string | null;
        fk: boolean;
        pk_first: boolean;
      }>(sql`
        select t.table_name,
          (select is_nullable from information_schema.columns c
            where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'tenant_id') as nullable,
          exists (select 1 from pg_constraint where conrelid = t.table_name::regclass and contype = 'f'
            and confrelid = 'tenants'::regclass) as fk,
          coalesce((select a.attname = 'tenant_id' from pg_constraint k
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
            where k.conrelid = t.table_name::regclass and k.contype = 'p'), false) as pk_first
        from information_schema.tables t
        where t.table_schema = 'public' and t.table_name not in ('tenants', 'systems', 'latch_migrations')
        order by 1`);
      assert.equal(rows.length, 20);
      for (const row of rows)
        assert.deepEqual(row, { table_name: row.table_name, nullable: 'NO', fk: true, pk_first: true });
    } finally {
      await db.close();
    }
  });

  it('running again applies nothing', async () => {
    const db = await createTestDb();
    try {
      assert.deepEqual(await migrate(db), { from: latest, to: latest, applied: [] });
      assert.deepEqual(await schemaVersion(db), { applied: latest, latest });
    } finally {
      await db.close();
    }
  });

  it('refuses a database migrated by a newer Latch, and changes nothing', async () => {
    const db = await createTestDb();
    try {
      await db.query(
        sql`insert into latch_migrations (version, name) values (${latest + 1}, 'from_the_future')`,
      );
      await assert.rejects(migrate(db), (error: unknown) => {
        assert.ok(error instanceof StartupError);
        assert.match(
          error.message,
          new RegExp(`version ${latest + 1}, newer than this Latch knows \\(${latest}\\)`),
        );
        return true;
      });
      assert.equal((await schemaVersion(db)).applied, latest + 1);
    } finally {
      await db.close();
    }
  });

  it('a migration that fails half-way leaves nothing behind, and the next run completes', async () => {
    const db = await createEmptyTestDb();
    try {
      const broken = migrations.map((m, i) =>
        i === 0 ? { ...m, sql: `${m.sql}\nselect * from no_such_table;` } : m,
      );
      await assert.rejects(migrate(db, { migrations: broken }));
      const { rows } = await db.query<{ exists: boolean }>(
        sql`select to_regclass('users') is not null as exists`,
      );
      assert.equal(rows[0]?.exists, false);
      assert.equal((await migrate(db)).to, latest);
    } finally {
      await db.close();
    }
  });

  it('processes migrating at once queue on the lock and apply each migration once', async () => {
    const db = await createEmptyTestDb();
    // On PostgreSQL, separate pools stand for separate processes; PGlite has one process by design.
    const others =
      testEnv.dbKind === 'postgres' && db.url
        ? [0, 1, 2].map(() => createPgDb(new pg.Pool({ connectionString: db.url, max: 1 })))
        : [db, db, db];
    try {
      const results = await Promise.all([db, ...others].map((handle) => migrate(handle)));
      assert.equal(results.filter((result) => result.applied.length > 0).length, 1);
      const { rows } = await db.query<{ count: number }>(
        sql`select count(*)::int as count from latch_migrations`,
      );
      assert.equal(rows[0]?.count, latest);
    } finally {
      if (others[0] !== db) await Promise.all(others.map((other) => other.close()));
      await db.close();
    }
  });
});
