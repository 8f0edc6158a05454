import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { devAuth, managementClient } from '../clients/management.ts';
import type { ErrorBody } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

describe('SMTP email connector (built in)', () => {
  let server: TestServer;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let api: ReturnType<typeof managementClient>;
  const config = (port: number) => ({
    host: '127.0.0.1',
    port,
    fromEmail: 'Latch <noreply@example.com>',
    templates: [{ usageType: 'Generic', subject: 'Your code', content: 'Your code is {{code}}.' }],
  });

  before(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({ INTEGRATION_TEST: 'true' });
    api = managementClient(server.user, devAuth);
  });
  after(async () => {
    await server.close();
    await sink.close();
  });

  it('sends a one-time code through an SMTP server', async () => {
    const factories = await api.call<{ id: string }[]>('GET', '/connector-factories');
    assert.ok(factories.body.some((factory) => factory.id === 'smtp'));
    const invalid = await api.call<ErrorBody>('POST', '/connectors', {
      connectorId: 'smtp',
      config: { host: 'x' },
    });
    assert.equal(invalid.body.code, 'connector.invalid_config');
    const added = await api.call<{ id: string }>('POST', '/connectors', {
      connectorId: 'smtp',
      config: config(sink.port),
    });
    assert.equal(added.status, 200);

    assert.equal(
      (await api.call('POST', '/verification-codes', { email: 'reader@example.com' })).status,
      204,
    );
    assert.equal(sink.messages.length, 1);
    const [message] = sink.messages;
    assert.match(message!.to[0]!, /reader@example\.com/);
    assert.match(message!.data, /Subject: Your code/);
    const code = /Your code is (\d{6})\./.exec(message!.data)?.[1];
    assert.ok(code, message!.data);
    const verified = await api.call('POST', '/verification-codes/verify', {
      email: 'reader@example.com',
      verificationCode: code,
    });
    assert.equal(verified.status, 204);
    await api.call('DELETE', `/connectors/${added.body.id}`);
  });

  it('answers an unreachable SMTP server with connector.general, not a 500', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    await api.call('POST', '/connectors', { connectorId: 'smtp', config: config(closed.port) });
    const failed = await api.call<ErrorBody>('POST', '/verification-codes', { email: 'other@example.com' });
    assert.equal(failed.status, 400);
    assert.equal(failed.body.code, 'connector.general');
  });
});
