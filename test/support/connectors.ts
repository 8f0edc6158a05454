/** The mock connectors (INTEGRATION_TEST) as a test sets them up, and the codes they "send". */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { managementClient } from '../clients/management.ts';

const usageTypes = ['SignIn', 'Register', 'ForgotPassword', 'Generic'];

export const emailConfig = {
  apiKey: 'key',
  fromEmail: 'noreply@example.com',
  templates: usageTypes.map((usageType) => ({
    usageType,
    type: 'text/plain',
    subject: 'Code',
    content: '{{code}}',
  })),
};
export const smsConfig = {
  accountSID: 'sid',
  authToken: 'token',
  fromMessagingServiceSID: 'from',
  templates: usageTypes.map((usageType) => ({ usageType, content: '{{code}}' })),
};
export const socialConfig = { clientId: 'client', clientSecret: 'secret' };

/** A record file of one's own (tests run in parallel), passed as MOCK_CONNECTOR_RECORD_FILE. */
export const newRecordFile = () =>
  path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'latch-codes-')), 'record.txt');

export const lastCode = (
  recordFile: string,
): { code: string; type: string; address?: string; phone?: string } =>
  JSON.parse(fs.readFileSync(recordFile, 'utf8'));

export const addMockConnectors = async (api: ReturnType<typeof managementClient>) => {
  const add = async (body: Record<string, unknown>) => {
    const response = await api.call<{ id: string }>('POST', '/connectors', body);
    assert.equal(response.status, 200, response.text);
    return response.body.id;
  };
  return {
    email: await add({ connectorId: 'mock-email-service', config: emailConfig }),
    sms: await add({ connectorId: 'mock-short-message-service', config: smsConfig }),
    social: await add({ connectorId: 'mock-social-connector', config: socialConfig }),
  };
};
