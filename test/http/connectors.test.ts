import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import { emailConfig, lastCode, newRecordFile, smsConfig, socialConfig } from '../support/connectors.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type ConnectorBody = { id: string; connectorId: string; type: string; target: string; config: unknown };

describe('/api/connectors and /api/verification-codes', () => {
  let server: TestServer;
  let api: ReturnType<typeof managementClient>;
  const recordFile = newRecordFile();

  before(async () => {
    server = await startTestServer({ INTEGRATION_TEST: 'true', MOCK_CONNECTOR_RECORD_FILE: recordFile });
    api = managementClient(server.user, devAuth);
  });
  after(() => server.close());

  it('lists the factories: the built-in SMTP one and the mocks', async () => {
    const { body } = await api.call<{ id: string; type: string }[]>('GET', '/connector-factories');
    assert.deepEqual(body.map((factory) => `${factory.type} ${factory.id}`).sort(), [
      'Email mock-email-service',
      'Email mock-email-service-alternative',
      'Email smtp',
      'Sms mock-short-message-service',
      'Social mock-social-connector',
      'Social oauth2',
      'Social oidc',
    ]);
    assert.equal((await api.call('GET', '/connector-factories/mock-social-connector')).status, 200);
    assert.equal((await api.call('GET', '/connector-factories/nope')).status, 404);
  });

  it('adds connectors with a checked config; one email connector at a time', async () => {
    const invalid = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: { apiKey: 1 },
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'connector.invalid_config');
    const unknown = await api.call<ErrorBody>('POST', '/connectors', { connectorId: 'nope' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.code, 'connector.not_found_with_connector_id');
    const withMetadata = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: emailConfig,
      metadata: { target: 'x' },
    });
    assert.equal(withMetadata.body.code, 'connector.cannot_overwrite_metadata_for_non_standard_connector');
    const syncing = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: emailConfig,
      syncProfile: true,
    });
    assert.equal(syncing.body.code, 'connector.invalid_type_for_syncing_profile');

    const first = await api.call<ConnectorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: emailConfig,
    });
    assert.equal(first.status, 200);
    assert.equal(first.body.type, 'Email');
    assert.equal(first.body.target, 'mock-mail');
    assert.match(first.body.id, /^[\dA-Za-z]{12}$/);
    const again = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service',
      config: emailConfig,
    });
    assert.equal(again.body.code, 'connector.multiple_instances_not_supported');

    const alternative = await api.call<ConnectorBody>('POST', '/connectors', {
      connectorId: 'mock-email-service-alternative',
      config: emailConfig,
    });
    assert.equal(alternative.status, 200);
    const list = await api.call<ConnectorBody[]>('GET', '/connectors');
    assert.deepEqual(
      list.body.filter((connector) => connector.type === 'Email').map((connector) => connector.id),
      [alternative.body.id],
      'the alternative replaced the first email connector',
    );
    assert.equal((await api.call('GET', `/connectors/${first.body.id}`)).status, 404);
  });

  it('patches and deletes; a deleted social connector leaves the sign-in experience', async () => {
    const social = await api.call<ConnectorBody>('POST', '/connectors', {
      connectorId: 'mock-social-connector',
      config: socialConfig,
      syncProfile: true,
    });
    assert.equal(social.status, 200);
    const patched = await api.call<ConnectorBody & { syncProfile: boolean }>(
      'PATCH',
      `/connectors/${social.body.id}`,
      {
        syncProfile: false,
        config: { clientId: 'other', clientSecret: 'x' },
      },
    );
    assert.equal(patched.body.syncProfile, false);
    assert.deepEqual(patched.body.config, { clientId: 'other', clientSecret: 'x' });
    const badConfig = await api.call<ErrorBody>('PATCH', `/connectors/${social.body.id}`, { config: {} });
    assert.equal(badConfig.body.code, 'connector.invalid_config');

    const experience = await api.call<{ socialSignInConnectorTargets: string[] }>('PATCH', '/sign-in-exp', {
      socialSignInConnectorTargets: ['mock-social', 'no-such-target'],
    });
    assert.deepEqual(experience.body.socialSignInConnectorTargets, ['mock-social']);
    assert.equal((await api.call('DELETE', `/connectors/${social.body.id}`)).status, 204);
    const after = await api.call<{ socialSignInConnectorTargets: string[] }>('GET', '/sign-in-exp');
    assert.deepEqual(after.body.socialSignInConnectorTargets, []);
    assert.equal((await api.call('DELETE', `/connectors/${social.body.id}`)).status, 404);
  });

  it('sends a test message with a given config', async () => {
    const sent = await api.call('POST', '/connectors/mock-short-message-service/test', {
      phone: '15550100',
      config: smsConfig,
    });
    assert.equal(sent.status, 204, sent.text);
    assert.deepEqual(lastCode(recordFile), { phone: '15550100', code: '000000', type: 'Generic' });
    const mismatch = await api.call<ErrorBody>('POST', '/connectors/mock-short-message-service/test', {
      email: 'a@example.com',
      config: smsConfig,
    });
    assert.equal(mismatch.body.code, 'connector.unexpected_type');
    const neither = await api.call<ErrorBody>('POST', '/connectors/mock-email-service/test', {
      config: emailConfig,
    });
    assert.equal(neither.body.code, 'guard.invalid_input');
  });

  it('one-time codes: sent, wrong, right once, and at most ten tries', async () => {
    const email = 'codes@example.com';
    assert.equal((await api.call('POST', '/verification-codes', { email })).status, 204);
    const { code, type } = lastCode(recordFile);
    assert.equal(type, 'Generic');
    assert.match(code, /^\d{6}$/);
    const verify = (verificationCode: string) =>
      api.call<ErrorBody>('POST', '/verification-codes/verify', { email, verificationCode });
    const wrong = code === '000000' ? '000001' : '000000';
    assert.equal((await verify(wrong)).body.code, 'verification_code.code_mismatch');
    assert.equal((await verify(code)).status, 204);
    assert.equal((await verify(code)).body.code, 'verification_code.not_found', 'used once');

    await api.call('POST', '/verification-codes', { email });
    const fresh = lastCode(recordFile).code;
    const other = fresh === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 10; attempt++) await verify(other);
    assert.equal((await verify(fresh)).body.code, 'verification_code.exceed_max_try');

    const noSms = await api.call<ErrorBody>('POST', '/verification-codes', { phone: '15550101' });
    assert.equal(noSms.status, 400);
    assert.equal(noSms.body.code, 'connector.not_found');
  });
});
