import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from '../../src/db/sql.ts';
import { devAuth, managementClient } from '../clients/management.ts';
import { emailConfig, lastCode, newRecordFile } from '../support/connectors.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('connector configs encrypted at rest (SECRETS_ENCRYPTION_KEY)', () => {
  let server: TestServer;
  const recordFile = newRecordFile();
  before(async () => {
    server = await startTestServer({
      INTEGRATION_TEST: 'true',
      MOCK_CONNECTOR_RECORD_FILE: recordFile,
      SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    });
  });
  after(() => server.close());

  it('stores only ciphertext, and the connector still works', async () => {
    const api = managementClient(server.user, devAuth);
    const secret = 'very-secret-api-key';
    const { body } = await api.call<{ id: string; config: { apiKey: string } }>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: { ...emailConfig, apiKey: secret },
    });
    assert.equal(body.config.apiKey, secret, 'the API shows the administrator the config');
    const stored = async () =>
      JSON.stringify((await server.db.query(sql`select config from connectors where id = ${body.id}`)).rows);
    assert.ok(!(await stored()).includes(secret));
    assert.match(await stored(), /"\$encrypted":"v1:/);

    await api.call('PATCH', `/connectors/${body.id}`, { config: { ...emailConfig, apiKey: `${secret}-2` } });
    assert.ok(!(await stored()).includes(secret));
    const read = await api.call<{ config: { apiKey: string } }>('GET', `/connectors/${body.id}`);
    assert.equal(read.body.config.apiKey, `${secret}-2`);

    assert.equal(
      (await api.call('POST', '/verification-codes', { email: 'sealed@example.com' })).status,
      204,
    );
    assert.equal(lastCode(recordFile).address, 'sealed@example.com');
  });
});
