import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ForeignKeyViolationError } from '../../src/db/errors.ts';
import { findLogtoConfig } from '../../src/db/queries/logto-configs.ts';
import { seed } from '../../src/db/seed/index.ts';
import { raw, sql } from '../../src/db/sql.ts';
import { toPublicJwk } from '../../src/oidc/keys.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testEnv } from '../support/env.ts';

const snapshot = async (db: TestDb) => {
  const tables = [
    'tenants',
    'logto_configs',
    'applications',
    'applications_roles',
    'roles',
    'resources',
    'scopes',
    'roles_scopes',
    'sign_in_experiences',
  ];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = (await db.query(sql`select * from ${raw(table)} order by 1, 2`)).rows;
  }
  return result;
};

describe(`seed (${testEnv.dbKind})`, () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(() => db.close());

  it('creates tenants default and admin', async () => {
    const { rows } = await db.query<{ id: string }>(sql`select id from tenants order by id`);
    assert.deepEqual(
      rows.map((row) => row.id),
      ['admin', 'default'],
    );
  });

  it('gives each tenant its own EC P-384 signing key and a cookie key', async () => {
    const kids = new Set<string>();
    for (const tenantId of ['default', 'admin']) {
      const keys = (await findLogtoConfig(db, tenantId, 'oidc.privateKeys')) as string[];
      assert.equal(keys.length, 1);
      const jwk = toPublicJwk(keys[0] ?? '');
      assert.equal(jwk.crv, 'P-384');
      assert.equal(jwk.alg, 'ES384');
      assert.match(jwk.kid, /^[\w-]{43}$/);
      kids.add(jwk.kid);
      const cookieKeys = (await findLogtoConfig(db, tenantId, 'oidc.cookieKeys')) as string[];
      assert.equal(cookieKeys.length, 1);
      assert.ok((cookieKeys[0] ?? '').length >= 32);
    }
    assert.equal(kids.size, 2);
  });

  it('seeds the default tenant’s management API, its `all` scope and the internal admin role', async () => {
    const { rows } = await db.query(sql`
      select r.id as resource_id, r.indicator, s.id as scope_id, s.name as scope, ro.id as role_id, ro.name as role
      from resources r join scopes s on s.tenant_id = r.tenant_id and s.resource_id = r.id
      join roles_scopes rs on rs.tenant_id = s.tenant_id and rs.scope_id = s.id
      join roles ro on ro.tenant_id = rs.tenant_id and ro.id = rs.role_id
      where r.tenant_id = 'default'`);
    assert.deepEqual(rows, [
      {
        resource_id: 'management-api',
        indicator: 'https://default.logto.app/api',
        scope_id: 'management-api-all',
        scope: 'all',
        role_id: 'admin-role',
        role: '#internal:admin',
      },
    ]);
  });

  it('seeds the admin tenant’s resources and roles as spec §3.3', async () => {
    const { rows } = await db.query<{ role: string; grants: string[] }>(sql`
      select ro.name as role, array_agg(r.indicator || ' ' || s.name order by r.indicator, s.name) as grants
      from roles ro
      join roles_scopes rs on rs.tenant_id = ro.tenant_id and rs.role_id = ro.id
      join scopes s on s.tenant_id = rs.tenant_id and s.id = rs.scope_id
      join resources r on r.tenant_id = s.tenant_id and r.id = s.resource_id
      where ro.tenant_id = 'admin' group by ro.name order by ro.name`);
    assert.deepEqual(rows, [
      {
        role: 'admin:admin',
        grants: [
          'https://admin.logto.app/api all',
          'https://cloud.logto.io/api create:tenant',
          'https://cloud.logto.io/api manage:tenant',
          'https://cloud.logto.io/api send:email',
          'https://cloud.logto.io/api send:sms',
        ],
      },
      { role: 'default:admin', grants: ['https://default.logto.app/api all'] },
      {
        role: 'tenantApplication',
        grants: ['https://cloud.logto.io/api send:email', 'https://cloud.logto.io/api send:sms'],
      },
      {
        role: 'user',
        grants: ['https://admin.logto.app/me all', 'https://cloud.logto.io/api create:tenant'],
      },
    ]);
  });

  it('seeds the admin console SPA and the Cloud Service M2M app', async () => {
    const { rows } = await db.query(sql`
      select a.id, a.name, a.type, a.custom_client_metadata, length(a.secret) >= 32 as strong_secret,
        array(select ro.name from applications_roles ar join roles ro on ro.tenant_id = ar.tenant_id and ro.id = ar.role_id
              where ar.tenant_id = a.tenant_id and ar.application_id = a.id) as roles
      from applications a where a.tenant_id = 'admin' order by a.name`);
    assert.deepEqual(
      rows.map(({ id, ...rest }) => ({ ...rest, id: id === 'admin-console' ? id : 'generated' })),
      [
        {
          id: 'admin-console',
          name: 'Admin Console',
          type: 'SPA',
          custom_client_metadata: {},
          strong_secret: true,
          roles: [],
        },
        {
          id: 'generated',
          name: 'Cloud Service',
          type: 'MachineToMachine',
          custom_client_metadata: { tenantId: 'default' },
          strong_secret: true,
          roles: ['tenantApplication'],
        },
      ],
    );
    assert.equal(
      (await db.query(sql`select 1 from applications where tenant_id = 'default'`)).rows.length,
      0,
    );
  });

  it('seeds the sign-in experiences: default, and admin in dark mode registering the first admin', async () => {
    const { rows } = await db.query<{
      tenant_id: string;
      sign_in_mode: string;
      color: { isDarkModeEnabled: boolean };
      sign_up: unknown;
      sign_in: unknown;
      language_info: unknown;
    }>(
      sql`select tenant_id, sign_in_mode, color, sign_up, sign_in, language_info from sign_in_experiences where id = 'default' order by tenant_id`,
    );
    assert.deepEqual(
      rows.map((row) => [row.tenant_id, row.sign_in_mode, row.color.isDarkModeEnabled]),
      [
        ['admin', 'Register', true],
        ['default', 'SignInAndRegister', false],
      ],
    );
    assert.deepEqual(rows[1]?.sign_up, { identifiers: ['username'], password: true, verify: false });
    assert.deepEqual(rows[1]?.sign_in, {
      methods: [{ identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true }],
    });
    assert.deepEqual(rows[1]?.language_info, { autoDetect: true, fallbackLanguage: 'en' });
  });

  it('is idempotent: seeding again changes nothing and never regenerates keys', async () => {
    const before = await snapshot(db);
    assert.deepEqual(await seed(db), []);
    assert.deepEqual(await snapshot(db), before);
  });

  it('makes a link between two tenants’ rows impossible (composite foreign keys)', async () => {
    const { rows } = await db.query<{ id: string }>(
      sql`select id from roles where tenant_id = 'admin' and name = 'user'`,
    );
    await assert.rejects(
      db.query(sql`insert into roles_scopes (tenant_id, id, role_id, scope_id)
        values ('default', 'cross-tenant', ${rows[0]?.id}, 'management-api-all')`),
      ForeignKeyViolationError,
    );
  });
});
