/**
 * The contract of `Db`, run against the driver of this test run (CI runs it on PGlite and on
 * PostgreSQL): same result types, same error kinds, same transaction semantics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConstraintViolationError,
  ForeignKeyViolationError,
  UniqueViolationError,
  ValueTooLongError,
} from '../../src/db/errors.ts';
import { json, sql } from '../../src/db/sql.ts';
import { createEmptyTestDb, type TestDb } from '../support/db.ts';
import { testEnv } from '../support/env.ts';

describe(`Db conformance (${testEnv.dbKind})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createEmptyTestDb();
    await db.exec(`
      create table parents (id varchar(8) primary key, n bigint not null default 7);
      create table children (
        id serial primary key,
        parent_id varchar(8) not null references parents (id),
        data jsonb,
        at timestamptz not null default now(),
        flag boolean
      );
    `);
  });
  after(() => db.close());

  it('keeps the event loop free while a query runs (PGlite computes on its own thread)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      await db.query(sql`select pg_sleep(0.3)`);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 10, `${ticks} timer ticks during a 300 ms query`);
  });

  it('survives its idle connections being ended by the server', async (t) => {
    if (db.kind !== 'postgres') return t.skip('PGlite has no connections');
    // Two connections at once, then the server ends every one but the asking one.
    await Promise.all([db.query(sql`select pg_sleep(0.05)`), db.query(sql`select pg_sleep(0.05)`)]);
    await db.query(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows } = await db.query<{ one: number }>(sql`select 1 as one`);
    assert.equal(rows[0]?.one, 1);
  });

  it('answers a repeated statement after its table changed shape', async () => {
    // PostgreSQL runs statements prepared per connection; a changed result type is re-planned.
    await db.exec('create table shapes (a int); insert into shapes values (1);');
    const read = () =>
      Promise.all(
        Array.from({ length: 8 }, () => db.query<Record<string, unknown>>(sql`select * from shapes`)),
      );
    for (const { rows } of await read()) assert.deepEqual(rows, [{ a: 1 }]);
    await db.exec('alter table shapes add column b int default 2');
    for (const { rows } of await read()) assert.deepEqual(rows, [{ a: 1, b: 2 }]);
  });

  it('reports its kind', () => {
    assert.equal(db.kind, testEnv.dbKind);
  });

  it('returns int8 as a number, timestamptz as a Date, jsonb parsed, null as null', async () => {
    await db.query(sql`insert into parents (id) values (${'p1'})`);
    await db.query(
      sql`insert into children (parent_id, data, flag) values (${'p1'}, ${json([1, { a: 'b' }])}, ${null})`,
    );
    const { rows } = await db.query<{ n: number; data: unknown; at: Date; flag: null; count: number }>(
      sql`select p.n, c.data, c.at, c.flag, count(*) over () as count from children c join parents p on p.id = c.parent_id`,
    );
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.n, 7);
    assert.equal(row?.count, 1);
    assert.deepEqual(row?.data, [1, { a: 'b' }]);
    assert.ok(row?.at instanceof Date);
    assert.equal(row?.flag, null);
  });

  it('binds a plain object as jsonb and an array as a Postgres array', async () => {
    const { rows } = await db.query<{ value: unknown; hit: boolean }>(
      sql`select ${{ x: [1, 2] }}::jsonb as value, 'b' = any(${['a', 'b']}::text[]) as hit`,
    );
    assert.deepEqual(rows[0], { value: { x: [1, 2] }, hit: true });
  });

  it('counts affected rows', async () => {
    await db.query(sql`insert into parents (id) values ('p2'), ('p3')`);
    const { rowCount } = await db.query(sql`update parents set n = 8 where id in ('p2', 'p3')`);
    assert.equal(rowCount, 2);
    assert.equal((await db.query(sql`delete from parents where id = 'nope'`)).rowCount, 0);
  });

  it('translates constraint errors into error kinds', async () => {
    await assert.rejects(db.query(sql`insert into parents (id) values ('p1')`), (error: unknown) => {
      assert.ok(error instanceof UniqueViolationError);
      assert.equal(error.constraint, 'parents_pkey');
      assert.equal(error.table, 'parents');
      return true;
    });
    await assert.rejects(
      db.query(sql`insert into children (parent_id) values ('ghost')`),
      ForeignKeyViolationError,
    );
    await assert.rejects(
      db.query(sql`insert into children (parent_id) values (${null})`),
      ConstraintViolationError,
    );
    await assert.rejects(db.query(sql`insert into parents (id) values ('123456789')`), ValueTooLongError);
  });

  it('commits a transaction that resolves', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query(sql`insert into parents (id) values ('t1')`);
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal((await db.query(sql`select 1 from parents where id = 't1'`)).rows.length, 1);
  });

  it('rolls back a transaction that throws, including an error kind raised inside it', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(sql`insert into parents (id) values ('t2')`);
        await tx.query(sql`insert into parents (id) values ('t2')`);
      }),
      UniqueViolationError,
    );
    assert.equal((await db.query(sql`select 1 from parents where id = 't2'`)).rows.length, 0);
    // The connection is usable afterwards.
    assert.equal((await db.query(sql`select 1 as one`)).rows.length, 1);
  });

  it('runs multi-statement text with exec, inside a transaction too', async () => {
    await db.transaction(async (tx) => {
      await tx.exec(`insert into parents (id) values ('e1'); insert into parents (id) values ('e2');`);
    });
    assert.equal((await db.query(sql`select 1 from parents where id like 'e%'`)).rows.length, 2);
  });

  it('serves concurrent queries and transactions without losing any', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 2
          ? db.query(sql`insert into parents (id) values (${`c${index}`})`)
          : db.transaction((tx) => tx.query(sql`insert into parents (id) values (${`c${index}`})`)),
      ),
    );
    const { rows } = await db.query<{ count: number }>(
      sql`select count(*)::int as count from parents where id like 'c%'`,
    );
    assert.equal(rows[0]?.count, 20);
  });
});
