import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/db/sql.ts';
import { deleteExpiredModelInstances } from '../../src/oidc/expiry-sweeper.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testEnv } from '../support/env.ts';

describe(`expired OIDC artifacts (${testEnv.dbKind})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(() => db.close());

  it('deletes exactly the expired rows, in batches, across tenants', async () => {
    const now = Date.now();
    const insert = (tenantId: string, id: string, expiresAt: number) =>
      db.query(sql`insert into oidc_model_instances (tenant_id, model_name, id, payload, expires_at)
        values (${tenantId}, 'Session', ${id}, ${{ jti: id }}, ${new Date(expiresAt)})`);
    for (let index = 0; index < 7; index++) await insert('default', `old-${index}`, now - 1000 - index);
    await insert('admin', 'old-admin', now - 1);
    await insert('default', 'live', now + 60_000);

    assert.equal(await deleteExpiredModelInstances(db, { now: new Date(now), batchSize: 3 }), 8);
    const { rows } = await db.query<{ id: string }>(sql`select id from oidc_model_instances order by id`);
    assert.deepEqual(
      rows.map((row) => row.id),
      ['live'],
    );
    assert.equal(await deleteExpiredModelInstances(db, { now: new Date(now) }), 0);
  });
});
