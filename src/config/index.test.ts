import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('uses Logto’s defaults and the embedded database', () => {
    const config = loadConfig({}, '/srv/latch');
    assert.equal(config.port, 3001);
    assert.equal(config.adminPort, 3002);
    assert.deepEqual(config.db, { kind: 'pglite', dataDir: '/srv/latch/data' });
    assert.equal(config.integrationTest, false);
    assert.equal(config.endpoint, undefined);
    assert.ok(Object.isFrozen(config));
  });

  it('reads DB_URL, and DATABASE_URL when DB_URL is absent', () => {
    assert.equal(loadConfig({ DB_URL: 'postgres://u@h:5432/latch' }).db.kind, 'postgres');
    const config = loadConfig({ DATABASE_URL: 'postgresql://u@h/latch' });
    assert.deepEqual(config.db, { kind: 'postgres', url: 'postgresql://u@h/latch', poolSize: 10 });
  });

  it('normalises endpoints and reads booleans', () => {
    const config = loadConfig({
      ENDPOINT: 'https://auth.example.com/',
      TRUST_PROXY_HEADER: 'true',
      INTEGRATION_TEST: '1',
    });
    assert.equal(config.endpoint?.href, 'https://auth.example.com/');
    assert.equal(config.trustProxyHeader, true);
    assert.equal(config.integrationTest, true);
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /^PORT=/],
    [{ ADMIN_PORT: '70000' }, /^ADMIN_PORT=/],
    [{ PORT: '4000', ADMIN_PORT: '4000' }, /PORT and ADMIN_PORT must differ/],
    [{ ENDPOINT: 'not a url' }, /^ENDPOINT=/],
    [{ ADMIN_ENDPOINT: 'ftp://x.io' }, /^ADMIN_ENDPOINT=.*http/],
    [{ DB_URL: 'mysql://h/db' }, /^DB_URL must start with postgres/],
    [{ DB_URL: 'postgres://h:5432' }, /^DB_URL must name a database/],
    [{ DATABASE_URL: '::' }, /^DATABASE_URL is not a URL/],
    [{ TRUST_PROXY_HEADER: 'maybe' }, /^TRUST_PROXY_HEADER=/],
    [{ INTEGRATION_TEST: 'yes please' }, /^INTEGRATION_TEST=/],
    [{ HTTPS_CERT_PATH: '/c.pem' }, /HTTPS_CERT_PATH and HTTPS_KEY_PATH/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL=/],
    [{ OIDC_PRIVATE_KEYS: 'bm90IGEga2V5' }, /^OIDC_PRIVATE_KEYS item 1/],
    [{ SECRETS_ENCRYPTION_KEY: 'c2hvcnQ=' }, /^SECRETS_ENCRYPTION_KEY must be 32 bytes/],
    [{ HOOKS_ALLOW_INTERNAL_TARGETS: 'sometimes' }, /^HOOKS_ALLOW_INTERNAL_TARGETS=/],
  ];
  for (const [env, message] of invalid) {
    it(`rejects ${JSON.stringify(env)} with one line naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    });
  }

  it('never echoes a database password in its errors', () => {
    assert.throws(
      () => loadConfig({ DB_URL: 'postgres://user:hunter2@h:5432' }),
      (error: Error) => {
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });
});
