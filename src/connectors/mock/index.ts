/**
 * The four mock connectors of Logto's integration tests (spec §7.3), with their ids, config
 * guards and behaviour: message connectors write the code to a record file instead of sending
 * it; the social one accepts whatever identity the test hands it. Only offered when
 * `INTEGRATION_TEST=true`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../errors/api-error.ts';
import type { ConnectorFactory, ConnectorMetadata, MessageConnector, SocialConnector } from '../types.ts';
import { writeRecord } from './record-file.ts';

const logo = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';

const metadata = (id: string, target: string, name: string, platform: ConnectorMetadata['platform']) => ({
  id,
  target,
  platform,
  name: { en: name },
  logo,
  logoDark: null,
  description: { en: `${name} for tests: nothing leaves this machine.` },
  readme: '',
});

const usageType = z.enum(['SignIn', 'Register', 'ForgotPassword', 'Generic', 'Continue', 'Test']);

const templateFor = <T extends { usageType: string }>(templates: T[], type: string) => {
  const template = templates.find((candidate) => candidate.usageType === type);
  if (!template) throw new ApiError('connector.template_not_found', { status: 400 });
  return template;
};

const smsConfig = z.object({
  accountSID: z.string(),
  authToken: z.string(),
  fromMessagingServiceSID: z.string(),
  templates: z.array(z.object({ usageType, content: z.string() })),
});

const emailConfig = z.object({
  apiKey: z.string(),
  fromEmail: z.string(),
  fromName: z.string().optional(),
  templates: z.array(
    z.object({
      usageType,
      type: z.enum(['text/plain', 'text/html']),
      subject: z.string(),
      content: z.string(),
    }),
  ),
});

const mockSms = (recordFile: string): MessageConnector => ({
  type: 'Sms',
  metadata: metadata('mock-short-message-service', 'mock-sms', 'Mock SMS Service', null),
  configGuard: smsConfig,
  async sendMessage({ to, type, payload }, config) {
    templateFor(smsConfig.parse(config).templates, type);
    await writeRecord(recordFile, { phone: to, code: payload.code, type });
  },
});

const mockEmail = (recordFile: string, id: string, target: string, name: string): MessageConnector => ({
  type: 'Email',
  metadata: metadata(id, target, name, null),
  configGuard: emailConfig,
  async sendMessage({ to, type, payload }, config) {
    templateFor(emailConfig.parse(config).templates, type);
    await writeRecord(recordFile, { address: to, code: payload.code, type });
  },
});

const socialData = z.object({
  code: z.string(),
  userId: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

const mockSocial: SocialConnector = {
  type: 'Social',
  metadata: metadata('mock-social-connector', 'mock-social', 'Mock Social', 'Universal'),
  configGuard: z.object({ clientId: z.string(), clientSecret: z.string() }),
  async getAuthorizationUri({ state, redirectUri }) {
    const uri = new URL('http://mock.social.com/');
    uri.searchParams.set('state', state);
    uri.searchParams.set('redirect_uri', redirectUri);
    return uri.href;
  },
  async getUserInfo(data) {
    const parsed = socialData.safeParse(data);
    if (!parsed.success) throw new ApiError('connector.invalid_response', { status: 400 });
    const { userId, email, phone } = parsed.data;
    return {
      id: userId ?? `mock-social-sub-${randomUUID()}`,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    };
  },
};

export const mockConnectorFactories = (recordFile: string): ConnectorFactory[] => [
  mockSms(recordFile),
  mockEmail(recordFile, 'mock-email-service', 'mock-mail', 'Mock Email Service'),
  mockEmail(
    recordFile,
    'mock-email-service-alternative',
    'mock-mail-alternative',
    'Mock Email Service Alternative',
  ),
  mockSocial,
];
